package io.atelier.core.provider;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.nio.channels.UnresolvedAddressException;
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

    /**
     * A failure that may succeed when tried again later.
     *
     * <p>{@link #backendMayHaveStarted()} tells a retrying caller whether the backend may already be
     * doing (and billing) the work: false for a refused connection, a connect timeout, a 429 or a 503
     * refusal; true for a read timeout, a reset after the request was sent, or a 500. A caller must
     * not repeat a call whose backend may have started unless repeating is safe for that backend.
     */
    public static final class Retriable extends ProviderException {
        private final Duration retryAfter;
        private final boolean backendMayHaveStarted;

        /** A failure whose "may have started" flag is inferred from its code and cause (see class doc). */
        public Retriable(String code, String message, Duration retryAfter, Throwable cause) {
            this(code, message, retryAfter, cause, inferMayHaveStarted(code, cause));
        }

        public Retriable(String code, String message, Duration retryAfter, Throwable cause, boolean backendMayHaveStarted) {
            super(code, message, cause);
            this.retryAfter = retryAfter;
            this.backendMayHaveStarted = backendMayHaveStarted;
        }

        /** The backend refused the request before doing any work (connection refused, 503 refusal). */
        public static Retriable refused(String message, Duration retryAfter, Throwable cause) {
            return new Retriable("PROVIDER_UNAVAILABLE", message, retryAfter, cause, false);
        }

        /** The provider's circuit breaker is open: no call was made. */
        public static Retriable circuitOpen(String message) {
            return new Retriable("PROVIDER_UNAVAILABLE", message, null, null, false);
        }

        /** Whether the backend may already have started (and billed) the work this failure ended. */
        public boolean backendMayHaveStarted() {
            return backendMayHaveStarted;
        }

        private static boolean inferMayHaveStarted(String code, Throwable cause) {
            if ("PROVIDER_RATE_LIMITED".equals(code)) {
                return false;
            }
            for (Throwable t = cause; t != null; t = t.getCause()) {
                if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                        || t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                    return false;
                }
            }
            return true;
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

        /** The model cannot do what was asked (e.g. edit an image); the request must change. */
        public static NonRetriable unsupported(String message) {
            return new NonRetriable("PROVIDER_UNSUPPORTED", message, null);
        }

        /** The backend answered something that is not its documented format. */
        public static NonRetriable badResponse(String message, Throwable cause) {
            return new NonRetriable("PROVIDER_BAD_RESPONSE", message, cause);
        }

        /** The backend ran the request and reported that it failed (e.g. a workflow node raised). */
        public static NonRetriable executionFailed(String message) {
            return new NonRetriable("PROVIDER_EXECUTION_FAILED", message, null);
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
