package io.atelier.core.api.v0;

import io.atelier.core.api.JsonFieldException;
import io.atelier.core.fetch.FetchException;
import io.atelier.core.fetch.FetchLimits;
import io.atelier.core.fetch.FetchedResource;
import io.atelier.core.fetch.SafeHttpFetcher;
import io.atelier.core.provider.ProviderRequest.SourceImage;
import io.atelier.core.storage.ContentHash;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads the v0 reference images: {@code refImageBase64} ({@code [{mimeType, data}]}) and
 * {@code refImageUrls} (fetched server-side, only through the {@link SafeHttpFetcher}: private,
 * loopback, link-local, metadata and CGNAT addresses are refused after resolution, each redirect
 * re-checked, size and time capped). At most {@value #MAX_PER_FIELD} of each. The type comes from
 * the bytes' magic numbers; a declared {@code mimeType} must agree with it.
 *
 * <p>Every error is a {@link JsonFieldException} naming the element ({@code refImageUrls[1]},
 * {@code refImageBase64[0].data}). URLs are fetched one after the other on the request's thread,
 * each within the fetcher's time limit ({@code atelier.fetch.timeout}).
 */
@Component
class V0ReferenceImages {

    static final int MAX_PER_FIELD = 5;
    static final int MAX_URL_LENGTH = 2048;
    private static final Pattern DATA_URL = Pattern.compile("^data:([^;,]*)(;[^,]*)?,", Pattern.CASE_INSENSITIVE);

    private final SafeHttpFetcher fetcher;
    private final long maxBytes;

    V0ReferenceImages(SafeHttpFetcher fetcher, V0Properties properties) {
        this.fetcher = fetcher;
        this.maxBytes = properties.maxReferenceImageSize().toBytes();
    }

    /** The reference images in order (base64 first, then URLs); {@code asGiven} receives a description of each. */
    List<SourceImage> read(JsonNode body, List<Map<String, Object>> asGiven) {
        List<SourceImage> images = new ArrayList<>();
        JsonNode base64 = array(body, "refImageBase64");
        JsonNode urls = array(body, "refImageUrls");
        for (int i = 0; i < base64.size(); i++) {
            images.add(decode(base64.get(i), "refImageBase64[" + i + "]", asGiven));
        }
        for (int i = 0; i < urls.size(); i++) {
            images.add(fetch(urls.get(i), "refImageUrls[" + i + "]", asGiven));
        }
        return images;
    }

    private static JsonNode array(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!v.isArray()) {
            throw new JsonFieldException(field, field + " must be an array");
        }
        if (v.size() > MAX_PER_FIELD) {
            throw new JsonFieldException(field, field + " takes at most " + MAX_PER_FIELD + " images, got " + v.size());
        }
        return v;
    }

    private SourceImage decode(JsonNode item, String field, List<Map<String, Object>> asGiven) {
        if (item == null || !item.isObject()) {
            throw new JsonFieldException(field, field + " must be an object {mimeType, data}");
        }
        JsonNode dataNode = item.get("data");
        if (dataNode == null || dataNode.isNull() || !dataNode.isString() || dataNode.stringValue().isBlank()) {
            throw new JsonFieldException(field + ".data", field + ".data is required: the image as a base64 string");
        }
        String declared = null;
        JsonNode mimeNode = item.get("mimeType");
        if (mimeNode != null && !mimeNode.isNull()) {
            if (!mimeNode.isString()) {
                throw new JsonFieldException(field + ".mimeType", field + ".mimeType must be a string");
            }
            declared = mimeNode.stringValue().strip().toLowerCase(Locale.ROOT);
        }
        String data = dataNode.stringValue().strip();
        Matcher dataUrl = DATA_URL.matcher(data);
        if (dataUrl.find()) {
            if (dataUrl.group(2) == null || !dataUrl.group(2).toLowerCase(Locale.ROOT).contains("base64")) {
                throw new JsonFieldException(field + ".data", field + ".data is a data: URL without ;base64");
            }
            if (declared == null && !dataUrl.group(1).isBlank()) {
                declared = dataUrl.group(1).strip().toLowerCase(Locale.ROOT);
            }
            data = data.substring(dataUrl.end());
        }
        data = data.replaceAll("\\s", "");
        if ((long) data.length() > maxBytes / 3 * 4 + 8) {
            throw new JsonFieldException(field + ".data", field + ".data is larger than " + describe(maxBytes) + " decoded");
        }
        byte[] bytes;
        try {
            bytes = (data.indexOf('-') >= 0 || data.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(data);
        } catch (IllegalArgumentException e) {
            throw new JsonFieldException(field + ".data", field + ".data is not valid base64");
        }
        if (bytes.length == 0) {
            throw new JsonFieldException(field + ".data", field + ".data is empty");
        }
        if (bytes.length > maxBytes) {
            throw new JsonFieldException(field + ".data", field + ".data is " + bytes.length + " bytes; at most "
                    + describe(maxBytes) + " allowed");
        }
        String detected = ImageMagic.mediaType(bytes).orElseThrow(() -> new JsonFieldException(field + ".data",
                field + ".data is not a " + ImageMagic.ACCEPTED + " image"));
        if (declared != null && !declared.isEmpty() && !sameType(declared, detected)) {
            throw new JsonFieldException(field + ".mimeType", field + ".mimeType is " + declared
                    + " but the data is " + detected);
        }
        asGiven.add(describe(field, "base64", null, detected, bytes));
        return new SourceImage(bytes, detected);
    }

    private SourceImage fetch(JsonNode item, String field, List<Map<String, Object>> asGiven) {
        if (item == null || !item.isString() || item.stringValue().isBlank()) {
            throw new JsonFieldException(field, field + " must be a non-empty URL string");
        }
        String text = item.stringValue().strip();
        if (text.length() > MAX_URL_LENGTH) {
            throw new JsonFieldException(field, field + " must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new JsonFieldException(field, field + " is not a valid URL");
        }
        FetchedResource resource;
        try {
            resource = fetcher.fetch(uri, FetchLimits.images(maxBytes));
        } catch (FetchException e) {
            throw new JsonFieldException(field, field + " " + switch (e.code()) {
                case URL_INVALID -> "is not a valid http(s) URL: ";
                case URL_NOT_ALLOWED -> "is not allowed: ";
                case FETCH_TOO_LARGE -> "is too large (at most " + describe(maxBytes) + "): ";
                case FETCH_TIMEOUT -> "could not be fetched in time: ";
                case UNSUPPORTED_MEDIA_TYPE -> "is not an image: ";
                case FETCH_FAILED -> "could not be fetched: ";
            } + e.getMessage());
        }
        byte[] bytes = resource.bytes();
        if (bytes.length == 0) {
            throw new JsonFieldException(field, field + " answered an empty body");
        }
        String detected = ImageMagic.mediaType(bytes).orElseThrow(() -> new JsonFieldException(field,
                field + " is not a " + ImageMagic.ACCEPTED + " image (served as " + resource.mediaType() + ")"));
        asGiven.add(describe(field, "url", text, detected, bytes));
        return new SourceImage(bytes, detected);
    }

    private static boolean sameType(String declared, String detected) {
        String d = declared.split(";", 2)[0].strip();
        return d.equals(detected) || d.equals("image/jpg") && detected.equals("image/jpeg");
    }

    private static Map<String, Object> describe(String field, String source, String url, String type, byte[] bytes) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("field", field);
        out.put("source", source);
        Optional.ofNullable(url).ifPresent(u -> out.put("url", u));
        out.put("mimeType", type);
        out.put("bytes", bytes.length);
        out.put("sha256", ContentHash.of(bytes));
        return out;
    }

    private static String describe(long bytes) {
        return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + "MB" : bytes + " bytes";
    }
}
