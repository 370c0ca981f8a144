package io.atelier.core.api.openai;

import io.atelier.core.image.UploadedImageException;
import io.atelier.core.image.UploadedImages;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * The files of an edit request, checked against the Apertis / OpenAI limits: {@code image} (or
 * {@code image[]}, one or more) PNG, WebP or JPEG under 25 MB each, at most {@value #MAX_IMAGES};
 * {@code mask} a PNG with an alpha channel under 4 MB, of the first image's size. Types come from the
 * bytes, not from file names or declared content types.
 *
 * <p>The core edits one source image: the first image is the one edited; further images are checked
 * like the first, recorded in the request as given, and otherwise not used.
 *
 * @param image       the first image's bytes
 * @param imageInfo   what the first image is
 * @param mask        the mask's bytes, or null
 * @param maskInfo    what the mask is, or null
 * @param filesAsGiven name, detected type, size and pixel size of every uploaded file, for the audit record
 */
record EditUpload(byte[] image, UploadedImage imageInfo, byte[] mask, UploadedImage maskInfo,
                  List<Map<String, Object>> filesAsGiven) {

    static final int MAX_IMAGES = 16;
    static final DataSize MAX_IMAGE_SIZE = DataSize.ofMegabytes(25);
    static final DataSize MAX_MASK_SIZE = DataSize.ofMegabytes(4);
    static final Set<String> FILE_PARAMETERS = Set.of("image", "image[]", "mask");

    /**
     * Reads and checks the files of a multipart edit request. Parts are read as bytes whether or not
     * they carry a file name: OpenAI's SDKs send streams without one, which servlet containers would
     * otherwise treat as text fields.
     */
    static EditUpload read(MultipartHttpServletRequest request) {
        List<Part> images = new ArrayList<>();
        List<Part> masks = new ArrayList<>();
        for (Part part : parts(request)) {
            switch (part.getName()) {
                case "image", "image[]" -> images.add(part);
                case "mask" -> masks.add(part);
                default -> {
                    if (part.getSubmittedFileName() != null) {
                        throw OpenAiApiException.invalid(part.getName(), "unknown_parameter",
                                "Unknown parameter: '" + part.getName() + "'.");
                    }
                }
            }
        }
        if (images.isEmpty()) {
            throw OpenAiApiException.invalid("image", "missing_required_parameter", "Missing required parameter: 'image'.");
        }
        if (images.size() > MAX_IMAGES) {
            throw OpenAiApiException.invalid("image", "too_many_images", "Invalid 'image': at most " + MAX_IMAGES
                    + " images may be given, but got " + images.size() + ".");
        }
        List<Map<String, Object>> asGiven = new ArrayList<>();
        byte[] first = null;
        UploadedImage firstInfo = null;
        for (Part part : images) {
            byte[] bytes = bytes(part);
            UploadedImage info = checkImage(bytes);
            asGiven.add(describe(part, bytes, info));
            if (first == null) {
                first = bytes;
                firstInfo = info;
            }
        }
        if (masks.size() > 1) {
            throw OpenAiApiException.invalid("mask", "invalid_value", "Invalid 'mask': give one mask, not " + masks.size() + ".");
        }
        byte[] mask = null;
        UploadedImage maskInfo = null;
        if (!masks.isEmpty()) {
            mask = bytes(masks.getFirst());
            maskInfo = checkMask(mask, firstInfo);
            asGiven.add(describe(masks.getFirst(), mask, maskInfo));
        }
        return new EditUpload(first, firstInfo, mask, maskInfo, List.copyOf(asGiven));
    }

    /** The text fields of the request, without the file parameters (which may arrive without a file name). */
    static Map<String, String[]> textFields(MultipartHttpServletRequest request) {
        Map<String, String[]> fields = new LinkedHashMap<>(request.getParameterMap());
        FILE_PARAMETERS.forEach(fields::remove);
        return fields;
    }

    private static Collection<Part> parts(MultipartHttpServletRequest request) {
        try {
            return request.getParts();
        } catch (IOException | ServletException e) {
            throw OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "The multipart/form-data body could not be read: "
                    + e.getMessage()).code("invalid_multipart").build();
        }
    }

    private static byte[] bytes(Part part) {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw OpenAiApiException.builder(HttpStatus.BAD_REQUEST, "The uploaded file '" + part.getName()
                    + "' could not be read.").param(part.getName()).code("invalid_file").build();
        }
    }

    private static UploadedImage checkImage(byte[] bytes) {
        if (bytes.length == 0) {
            throw OpenAiApiException.invalid("image", "invalid_image", "Invalid file 'image': the file is empty.");
        }
        if (bytes.length >= MAX_IMAGE_SIZE.toBytes()) {
            throw OpenAiApiException.invalid("image", "image_too_large", "Invalid file 'image': the image is "
                    + bytes.length + " bytes; it must be under 25MB.");
        }
        UploadedImage image = UploadedImage.inspect(bytes).orElseThrow(() -> OpenAiApiException.invalid("image", "invalid_image_format",
                "Invalid file 'image': unsupported image format. Supported file formats are 'image/png', "
                        + "'image/webp' and 'image/jpeg'."));
        checkPixels("image", bytes);
        return image;
    }

    /**
     * Refuses, from the header alone, an image that declares more pixels than the core accepts (a
     * decompression bomb), in this dialect's shape; the core re-checks and re-encodes every upload.
     */
    private static void checkPixels(String field, byte[] bytes) {
        try {
            UploadedImages.checkHeader(bytes, UploadedImages.DEFAULT_MAX_PIXELS);
        } catch (UploadedImageException e) {
            boolean tooLarge = e.reason() == UploadedImageException.Reason.TOO_MANY_PIXELS;
            throw OpenAiApiException.invalid(field, tooLarge ? "image_too_large" : "invalid_image",
                    "Invalid file '" + field + "': " + e.getMessage() + ".");
        }
    }

    private static UploadedImage checkMask(byte[] bytes, UploadedImage image) {
        if (bytes.length == 0) {
            throw OpenAiApiException.invalid("mask", "invalid_image", "Invalid file 'mask': the file is empty.");
        }
        if (bytes.length >= MAX_MASK_SIZE.toBytes()) {
            throw OpenAiApiException.invalid("mask", "image_too_large", "Invalid file 'mask': the mask is "
                    + bytes.length + " bytes; it must be a PNG under 4MB.");
        }
        UploadedImage mask = UploadedImage.inspect(bytes).filter(i -> i.format() == UploadedImage.Format.PNG)
                .orElseThrow(() -> OpenAiApiException.invalid("mask", "invalid_image_format",
                        "Invalid file 'mask': the mask must be a PNG image."));
        checkPixels("mask", bytes);
        if (!mask.pngAlpha()) {
            throw OpenAiApiException.invalid("mask", "invalid_image_format",
                    "Invalid file 'mask': the mask has no alpha channel; its transparent pixels mark the area to edit.");
        }
        if (mask.hasSize() && image.hasSize() && (mask.width() != image.width() || mask.height() != image.height())) {
            throw OpenAiApiException.invalid("mask", "invalid_image_dimensions", "Invalid file 'mask': the mask is "
                    + mask.width() + "x" + mask.height() + " but the image is " + image.width() + "x" + image.height()
                    + "; they must have the same dimensions.");
        }
        return mask;
    }

    private static Map<String, Object> describe(Part part, byte[] bytes, UploadedImage info) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("field", part.getName());
        out.put("filename", part.getSubmittedFileName());
        out.put("type", info.format().mimeType());
        out.put("bytes", bytes.length);
        if (info.hasSize()) {
            out.put("width", info.width());
            out.put("height", info.height());
        }
        return out;
    }
}
