package io.atelier.core.provider.comfyui;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.http.ImageBytes;

/**
 * ComfyUI's {@code /ws} messages as they arrive: text messages queued for the caller's thread to
 * interpret, binary preview frames kept as the newest live preview. The listener only stores;
 * WebSocket threads never run provider logic.
 */
final class ComfyUiEvents implements WebSocket.Listener {

    /** Binary frames over this size are not previews we want (a sane preview is tens of kB). */
    private static final int MAX_PREVIEW_BYTES = 4 * 1024 * 1024;

    final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();
    /** The newest preview frame not yet handed to the context. */
    final AtomicReference<ProviderContext.Preview> preview = new AtomicReference<>();
    private final StringBuilder partial = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private boolean binaryTooLarge;
    volatile boolean closed;

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        if (!binaryTooLarge && binary.size() + data.remaining() <= MAX_PREVIEW_BYTES) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            binary.writeBytes(chunk);
        } else {
            binaryTooLarge = true;
        }
        if (last) {
            if (!binaryTooLarge) {
                ProviderContext.Preview frame = previewFrame(binary.toByteArray());
                if (frame != null) {
                    preview.set(frame);
                }
            }
            binary.reset();
            binaryTooLarge = false;
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed = true;
    }

    /**
     * A binary websocket frame as a preview: {@code [type:int32 BE]}, then for type 1
     * ({@code PREVIEW_IMAGE}) {@code [format:int32 BE]} (1 JPEG, 2 PNG) and the image, for type 4
     * ({@code PREVIEW_IMAGE_WITH_METADATA}) {@code [length:int32 BE][metadata JSON][image]}. Null for
     * anything else or an image whose bytes are not what they claim.
     */
    static ProviderContext.Preview previewFrame(byte[] frame) {
        if (frame.length < 8) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(frame);
        int type = buffer.getInt();
        int offset;
        if (type == 1) {
            buffer.getInt();
            offset = 8;
        } else if (type == 4) {
            int length = buffer.getInt();
            if (length < 0 || 8L + length > frame.length) {
                return null;
            }
            offset = 8 + length;
        } else {
            return null;
        }
        byte[] image = Arrays.copyOfRange(frame, offset, frame.length);
        return ImageBytes.inspect(image).map(info -> new ProviderContext.Preview(image, info.mimeType())).orElse(null);
    }
}
