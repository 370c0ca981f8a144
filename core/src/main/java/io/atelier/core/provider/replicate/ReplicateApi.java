package io.atelier.core.provider.replicate;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ImageSink;
import io.atelier.core.provider.ProviderContext;
import io.atelier.core.provider.ProviderException;
import io.atelier.core.provider.ProviderRequest;
import io.atelier.core.provider.RetryPolicy;
import io.atelier.core.provider.http.FetchedImages;
import io.atelier.core.provider.http.HostedErrors;
import io.atelier.core.provider.http.MultipartForm;
import io.atelier.core.provider.http.ProviderHttpClient;
import io.atelier.core.provider.replicate.internal.CreatePrediction;
import io.atelier.core.provider.replicate.internal.Prediction;

/**
 * Replicate's predictions HTTP API as {@link ReplicateImageProvider} uses it: file uploads, creating a
 * prediction (retried only when it certainly created nothing), polling it, canceling it, downloading its
 * outputs through the {@link SafeHttpFetcher}, and Replicate's {@code {title, detail, status}} errors.
 * Every request carries the token and goes only under {@code base-url}. Thread-safe.
 */
final class ReplicateApi {

    static final String QUOTA_EXCEEDED = "PROVIDER_QUOTA_EXCEEDED";
    /** Larger input files are uploaded through {@code POST /files} instead of inlined. */
    static final int MAX_DATA_URL_BYTES = 768 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ReplicateApi.class);

    private final ReplicateProviderProperties properties;
    private final SafeHttpFetcher fetcher;
    private final ProviderHttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final RetryPolicy retryPolicy;

    ReplicateApi(ReplicateProviderProperties properties, SafeHttpFetcher fetcher, ProviderHttpClient http) {
        this.properties = properties;
        this.fetcher = fetcher;
        this.http = http;
        this.retryPolicy = properties.retryPolicy();
    }

    /**
     * An input file as Replicate takes it: a {@code data:} URL up to {@link #MAX_DATA_URL_BYTES} (Replicate
     * recommends them below 1 MB), else uploaded through {@code POST /files} (multipart field
     * {@code content}) and passed as the upload's {@code urls.get}. Uploads are not billed, so they are
     * retried like any safe call.
     */
    String fileInput(ProviderRequest.SourceImage image, ProviderContext context) throws ProviderException {
        if (image.bytes().length <= MAX_DATA_URL_BYTES) {
            return "data:" + image.mimeType() + ";base64," + Base64.getEncoder().encodeToString(image.bytes());
        }
        MultipartForm form = new MultipartForm().file("content", "image" + MultipartForm.extension(image.mimeType()), image.mimeType(),
                image.bytes());
        HttpRequest request = authorized(URI.create(properties.baseUrl() + "/files"))
                .timeout(properties.readTimeout())
                .header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.toByteArray()))
                .build();
        JsonNode uploaded = retryPolicy.execute(context, attempt -> {
            HttpResponse<byte[]> response = http.send(request, context, this::fromStatus);
            try {
                return json.readTree(response.body());
            } catch (JacksonException e) {
                throw HostedErrors.badResponse("Replicate's answer to the file upload is not JSON");
            }
        });
        String url = text(uploaded.at("/urls/get"));
        if (url == null) {
            throw HostedErrors.badResponse("Replicate's answer to the file upload has no urls.get");
        }
        return url;
    }


    /**
     * Creates the prediction, retrying only what certainly created nothing (429, no connection).
     * Reads the answer even when the generation is canceled meanwhile, so the caller can cancel it.
     */
    Prediction create(String model, Map<String, Object> input, ProviderContext context) throws ProviderException {
        String version = ReplicateModels.version(model);
        URI uri = URI.create(version == null
                ? properties.baseUrl() + "/models/" + ReplicateModels.owned(model) + "/predictions"
                : properties.baseUrl() + "/predictions");
        byte[] body = json.writeValueAsBytes(new CreatePrediction(version, input));
        HttpRequest request = authorized(uri)
                .timeout(properties.preferWait().plus(properties.readTimeout()))
                .header("Content-Type", "application/json")
                .header("Prefer", "wait=" + properties.preferWait().toSeconds())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        ProviderContext untilAnswered = new ProviderContext() {
            @Override
            public void progress(Progress progress) {
                context.progress(progress);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }

            @Override
            public CancelWatch watchCancel(Runnable onCancel) {
                return CancelWatch.SIGNALLED; // never canceled
            }

            @Override
            public ImageSink imageSink() {
                return context.imageSink();
            }
        };
        ProviderException.Retriable[] unsafe = new ProviderException.Retriable[1];
        Prediction created = retryPolicy.execute(context, attempt -> {
            try {
                HttpResponse<byte[]> response = http.exchange(request, untilAnswered,
                        properties.connectTimeout().plus(properties.preferWait()).plus(properties.readTimeout()));
                if (response.statusCode() / 100 != 2) {
                    throw fromStatus(response);
                }
                return prediction(response.body());
            } catch (ProviderException.Retriable e) {
                boolean throttled = "PROVIDER_RATE_LIMITED".equals(e.code());
                boolean neverConnected = e.getCause() != null && !ProviderHttpClient.mayHaveReachedBackend(e);
                if (throttled || neverConnected) {
                    throw e;
                }
                unsafe[0] = e;
                return null;
            }
        });
        if (unsafe[0] != null) {
            throw unsafe[0];
        }
        log.info("replicate prediction {} created for {}: {}", created.id(), model, created.status());
        return created;
    }

    /** One poll; a cancel aborts it at once (the caller then cancels the prediction). */
    Prediction get(Prediction prediction, ProviderContext context) throws ProviderException {
        URI uri = urlOf(prediction, prediction.urls() == null ? null : prediction.urls().get(), "get");
        HttpRequest request = authorized(uri).timeout(properties.readTimeout()).GET().build();
        return prediction(http.send(request, context, this::fromStatus).body());
    }

    /** Best effort: a failed cancel is logged, since the caller is already ending the generation. */
    void cancel(Prediction prediction) {
        try {
            URI uri = urlOf(prediction, prediction.urls() == null ? null : prediction.urls().cancel(), "cancel");
            HttpRequest request = authorized(uri).timeout(properties.readTimeout())
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            retryPolicy.execute(ProviderContext.detached(),
                    attempt -> http.send(request, ProviderContext.detached(), this::fromStatus));
            log.info("replicate prediction {} canceled", prediction.id());
        } catch (ProviderException e) {
            log.warn("canceling replicate prediction {} failed: {}", prediction.id(), e.getMessage());
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + properties.apiKey())
                .header("Accept", "application/json")
                .header("User-Agent", "Atelier");
    }

    /**
     * A URL Replicate gave us for a prediction; it must lie under the base URL, since we send our
     * token there. Without one, the documented path under the base URL.
     */
    private URI urlOf(Prediction prediction, String given, String action) throws ProviderException {
        String fallback = properties.baseUrl() + "/predictions/" + prediction.id() + (action.equals("cancel") ? "/cancel" : "");
        String url = given == null || given.isBlank() ? fallback : given;
        if (!url.startsWith(properties.baseUrl() + "/")) {
            throw HostedErrors.badResponse("Replicate answered a " + action + " URL outside atelier.providers.replicate.base-url");
        }
        try {
            return URI.create(url);
        } catch (IllegalArgumentException e) {
            throw HostedErrors.badResponse("Replicate answered an invalid " + action + " URL");
        }
    }

    private Prediction prediction(byte[] body) throws ProviderException {
        Prediction prediction;
        try {
            prediction = json.readValue(body, Prediction.class);
        } catch (JacksonException e) {
            throw HostedErrors.badResponse("Replicate's answer is not a prediction");
        }
        if (prediction.id() == null || prediction.status() == null) {
            throw HostedErrors.badResponse("Replicate answered a prediction without id or status");
        }
        return prediction;
    }

    /** Replicate's {@code {title, detail, status}} error, mapped by status. */
    ProviderException fromStatus(HttpResponse<byte[]> response) {
        int status = response.statusCode();
        String upstream = null;
        try {
            JsonNode root = json.readTree(response.body());
            String title = text(root.get("title"));
            String detail = text(root.get("detail"));
            upstream = title == null ? detail : detail == null ? title : title + ": " + detail;
        } catch (JacksonException | IllegalArgumentException e) {
            // not Replicate's JSON (a proxy's page): the status says enough
        }
        if (status == 402) {
            return new ProviderException.NonRetriable(QUOTA_EXCEEDED,
                    http.describe(ReplicateImageProvider.BACKEND + " answered HTTP 402", upstream, null), null);
        }
        return http.fromStatus(status, response.headers(), upstream, null);
    }

    /** An output file, through the safe fetcher (never with our token). */
    byte[] download(String url) throws ProviderException {
        return FetchedImages.download(fetcher, url, "Replicate answered an invalid output URL",
                "downloading the Replicate output failed");
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isContainer()) {
            return null;
        }
        String value = node.asString();
        return value == null || value.isBlank() ? null : value;
    }
}
