package io.atelier.core.provenance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;

/**
 * Inserts, finds and removes one uncompressed {@code iTXt} chunk (PNG specification §11.3.4.5) in
 * a PNG file, byte-exactly: nothing else in the file changes.
 *
 * <p>The contract used by provenance: the chunk is inserted <em>immediately before {@code IEND}</em>,
 * so "the provenance chunk" of a file is its last chunk before {@code IEND} when that chunk is an
 * {@code iTXt} with the expected keyword. Removing it gives back the file as it was before
 * insertion, bit for bit (a file that already carried such a chunk keeps it: only the last one is
 * ours).
 *
 * <p>Chunk layout: 4-byte big-endian data length, 4-byte type, data, CRC-32 over type and data.
 * {@code iTXt} data: keyword (Latin-1, 1–79 bytes), NUL, compression flag 0, compression method 0,
 * language tag (empty), NUL, translated keyword (empty), NUL, text (UTF-8).
 */
final class PngTextChunk {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] ITXT = "iTXt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] IEND = "IEND".getBytes(StandardCharsets.US_ASCII);

    /** A chunk found in a file: where it starts, how many bytes it spans in total, and its text. */
    record Found(int offset, int totalLength, String text) {
    }

    /** The bytes are not a well-formed PNG chunk sequence ending in IEND. */
    static final class MalformedPngException extends Exception {
        MalformedPngException(String message) {
            super(message);
        }
    }

    private PngTextChunk() {
    }

    static boolean isPng(byte[] bytes) {
        return bytes.length >= SIGNATURE.length && Arrays.equals(bytes, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length);
    }

    /** A new file: {@code png} with an {@code iTXt} chunk {@code keyword}/{@code text} inserted before IEND. */
    static byte[] insert(byte[] png, String keyword, String text) throws MalformedPngException {
        int iend = locateIend(png).offset();
        byte[] chunk = chunk(ITXT, itxtData(keyword, text));
        byte[] out = new byte[png.length + chunk.length];
        System.arraycopy(png, 0, out, 0, iend);
        System.arraycopy(chunk, 0, out, iend, chunk.length);
        System.arraycopy(png, iend, out, iend + chunk.length, png.length - iend);
        return out;
    }

    /**
     * The last chunk before IEND when it is an uncompressed {@code iTXt} chunk with this keyword and
     * a correct CRC; empty when the file's last chunk is anything else.
     */
    static Optional<Found> findLast(byte[] png, String keyword) throws MalformedPngException {
        Chunk last = locateIend(png).previous();
        if (last == null || !Arrays.equals(png, last.offset + 4, last.offset + 8, ITXT, 0, 4)) {
            return Optional.empty();
        }
        CRC32 crc = new CRC32();
        crc.update(png, last.offset + 4, 4 + last.dataLength);
        int dataStart = last.offset + 8;
        int stored = readInt(png, dataStart + last.dataLength);
        if ((int) crc.getValue() != stored) {
            throw new MalformedPngException("the iTXt chunk before IEND has a wrong CRC");
        }
        byte[] expectedPrefix = itxtPrefix(keyword);
        if (last.dataLength < expectedPrefix.length
                || !Arrays.equals(png, dataStart, dataStart + expectedPrefix.length, expectedPrefix, 0, expectedPrefix.length)) {
            return Optional.empty();
        }
        String text = new String(png, dataStart + expectedPrefix.length, last.dataLength - expectedPrefix.length,
                StandardCharsets.UTF_8);
        return Optional.of(new Found(last.offset, 12 + last.dataLength, text));
    }

    /** The file without the chunk that {@link #findLast} found. */
    static byte[] remove(byte[] png, Found found) {
        byte[] out = new byte[png.length - found.totalLength()];
        System.arraycopy(png, 0, out, 0, found.offset());
        System.arraycopy(png, found.offset() + found.totalLength(), out, found.offset(),
                png.length - found.offset() - found.totalLength());
        return out;
    }

    private record Chunk(int offset, int dataLength, Chunk previous) {
    }

    /** Walks the chunks to IEND; returns IEND with the chunk before it as {@code previous}. */
    private static Chunk locateIend(byte[] png) throws MalformedPngException {
        if (!isPng(png)) {
            throw new MalformedPngException("not a PNG file (bad signature)");
        }
        int at = SIGNATURE.length;
        Chunk previous = null;
        while (true) {
            if (png.length - at < 12) {
                throw new MalformedPngException("PNG ends before its IEND chunk");
            }
            long length = readInt(png, at) & 0xFFFFFFFFL;
            if (length > Integer.MAX_VALUE || length > png.length - at - 12L) {
                throw new MalformedPngException("PNG chunk at byte " + at + " claims more data than the file has");
            }
            for (int i = at + 4; i < at + 8; i++) {
                byte b = png[i];
                if (!((b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z'))) {
                    throw new MalformedPngException("PNG chunk at byte " + at + " has an invalid type");
                }
            }
            if (previous == null && !Arrays.equals(png, at + 4, at + 8, "IHDR".getBytes(StandardCharsets.US_ASCII), 0, 4)) {
                throw new MalformedPngException("PNG does not start with IHDR");
            }
            if (Arrays.equals(png, at + 4, at + 8, IEND, 0, 4)) {
                return new Chunk(at, (int) length, previous);
            }
            previous = new Chunk(at, (int) length, null);
            at += 12 + (int) length;
        }
    }

    private static byte[] itxtData(String keyword, String text) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(itxtPrefix(keyword));
        data.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return data.toByteArray();
    }

    /** Keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL. */
    private static byte[] itxtPrefix(String keyword) {
        if (keyword.isEmpty() || keyword.length() > 79 || keyword.startsWith(" ") || keyword.endsWith(" ")
                || !keyword.chars().allMatch(c -> (c >= 32 && c <= 126) || (c >= 161 && c <= 255))) {
            throw new IllegalArgumentException("not a valid PNG keyword: " + keyword);
        }
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        prefix.writeBytes(keyword.getBytes(StandardCharsets.ISO_8859_1));
        prefix.write(0);
        prefix.write(0);
        prefix.write(0);
        prefix.write(0);
        prefix.write(0);
        return prefix.toByteArray();
    }

    private static byte[] chunk(byte[] type, byte[] data) {
        byte[] out = new byte[12 + data.length];
        writeInt(out, 0, data.length);
        System.arraycopy(type, 0, out, 4, 4);
        System.arraycopy(data, 0, out, 8, data.length);
        CRC32 crc = new CRC32();
        crc.update(out, 4, 4 + data.length);
        writeInt(out, 8 + data.length, (int) crc.getValue());
        return out;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static void writeInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }
}
