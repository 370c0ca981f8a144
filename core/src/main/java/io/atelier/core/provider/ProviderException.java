package io.atelier.core.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * Every provider failure. Retriable failures (timeouts, rate limits, server errors, resets) may be
 * retried with backoff; non-retriable ones (bad request, content policy, auth) never are.
 * {@link #code()} is the stable, user-facing error code stored on the failed generation.
 */
public abstract sealed class ProviderException extends Exception
        permits ProviderException.Retriable, ProviderException.NonRetriable, ProviderException.Canceled {

    private final String code;

    ProviderException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stable error code, e.g. {@code PROVIDER_TIMEOUT}, {@code CONTENT_POLICY_VIOLATION}. */
    public String code() {
        return code;
    }

    public abstract boolean retriable();

    /** A failure that may succeed when tried again later. */
    public static final class Retriable extends ProviderException {
        private final Duration retryAfter;

        public Retriable(String code, String message, Duration retryAfter, Throwable cause) {
            super(code, message, cause);
            this.retryAfter = retryAfter;
        }

        public static Retriable timeout(String message, Throwable cause) {
            return new Retriable("PROVIDER_TIMEOUT", message, null, cause);
        }

        public static Retriable rateLimited(String message, Duration retryAfter) {
            return new Retriable("PROVIDER_RATE_LIMITED", message, retryAfter, null);
        }

        public static Retriable unavailable(String message, Throwable cause) {
            return new Retriable("PROVIDER_UNAVAILABLE", message, null, cause);
        }

        /** The backend's Retry-After, when it sent one. */
        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public boolean retriable() {
            return true;
        }
    }

    /** A failure that will fail again the same way: never retried. */
    public static final class NonRetriable extends ProviderException {
        public NonRetriable(String code, String message, Throwable cause) {
            super(code, message, cause);
        }

        public static NonRetriable badRequest(String message) {
            return new NonRetriable("PROVIDER_BAD_REQUEST", message, null);
        }

        public static NonRetriable contentPolicy(String message) {
            return new NonRetriable("CONTENT_POLICY_VIOLATION", message, null);
        }

        public static NonRetriable authentication(String message) {
            return new NonRetriable("PROVIDER_AUTH_FAILED", message, null);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }

    /** The call stopped because the generation was canceled or the worker is shutting down. */
    public static final class Canceled extends ProviderException {
        public Canceled() {
            super("CANCELED", "generation canceled", null);
        }

        @Override
        public boolean retriable() {
            return false;
        }
    }
}
