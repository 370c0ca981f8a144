package io.atelier.core.provider.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into a byte array, cancelling the exchange as soon as it passes a limit,
 * so a misbehaving backend cannot exhaust the heap.
 *
 * <p>Threading: the HTTP client calls {@code on*} serially (Reactive Streams rule 1.3), so no locking.
 */
final class BoundedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {

    /** The body passed the limit. */
    public static final class TooLargeException extends IOException {
        public TooLargeException(long limit) {
            super("the image backend's answer is larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private BoundedBodySubscriber(long limit) {
        this.limit = limit;
    }

    public static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return responseInfo -> {
            long declared = responseInfo.headers().firstValueAsLong("content-length").orElse(-1);
            BoundedBodySubscriber subscriber = new BoundedBodySubscriber(limit);
            if (declared > limit) {
                subscriber.result.completeExceptionally(new TooLargeException(limit));
            }
            return subscriber;
        };
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (result.isDone()) {
            subscription.cancel();
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (body.size() + (long) buffer.remaining() > limit) {
                subscription.cancel();
                result.completeExceptionally(new TooLargeException(limit));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            body.writeBytes(chunk);
        }
    }

    @Override
    public void onError(Throwable throwable) {
        result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        result.complete(body.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }
}
