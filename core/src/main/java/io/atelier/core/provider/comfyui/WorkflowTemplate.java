package io.atelier.core.provider.comfyui;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import io.atelier.core.provider.ProviderRequest;

/**
 * A ComfyUI workflow in API format ({@code {"<node id>": {class_type, inputs, _meta: {title}}}}) and the
 * nodes that receive a request's values, resolved once at start. Immutable; {@link #render} copies.
 */
final class WorkflowTemplate {

    private final String property;
    private final ObjectNode workflow;
    private final String promptNode;
    private final String negativeNode;
    private final String samplerNode;
    private final String seedInput;
    private final String latentNode;
    private final String checkpointNode;
    private final String outputNode;
    private final String imageNode;
    private final String batchNode;

    private WorkflowTemplate(String property, ObjectNode workflow, ComfyUiProperties.Nodes nodes, boolean needsCheckpoint,
                             boolean edit) {
        this.property = property;
        this.workflow = workflow;
        this.promptNode = resolve("prompt", nodes.prompt(), "text");
        this.negativeNode = nodes.negative().isEmpty() ? null : resolve("negative", nodes.negative(), "text");
        this.samplerNode = resolve("sampler", nodes.sampler(), null);
        JsonNode samplerInputs = workflow.get(samplerNode).get("inputs");
        if (samplerInputs.has("seed")) {
            this.seedInput = "seed";
        } else if (samplerInputs.has("noise_seed")) {
            this.seedInput = "noise_seed";
        } else {
            throw new IllegalStateException(property + ".sampler: node " + samplerNode + " has neither a seed nor a noise_seed input");
        }
        this.latentNode = resolve("latent", nodes.latent(), "width");
        requireInput("latent", latentNode, "height");
        this.batchNode = edit && !nodes.batch().isEmpty() ? resolve("batch", nodes.batch(), "amount") : null;
        if (!edit) {
            requireInput("latent", latentNode, "batch_size");
        }
        this.imageNode = edit ? resolve("image", nodes.image(), "image") : null;
        this.checkpointNode = nodes.checkpoint().isEmpty() ? null
                : needsCheckpoint ? resolve("checkpoint", nodes.checkpoint(), "ckpt_name")
                : find(workflow, nodes.checkpoint(), property);
        if (needsCheckpoint && checkpointNode == null) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + ".models names checkpoints, but " + property
                    + ".checkpoint is blank");
        }
        this.outputNode = nodes.output().isEmpty() ? null : resolve("output", nodes.output(), null);
    }

    /** Loads {@code workflow} ({@code classpath:…} or a file) and checks the {@code nodes} mapping. */
    static WorkflowTemplate load(ComfyUiProperties properties, ResourceLoader resources) {
        return of(read(properties.workflow(), "workflow", resources), properties, false);
    }

    /** Loads {@code edit-workflow} and checks the {@code edit-nodes} mapping; null when none is configured. */
    static WorkflowTemplate loadEdit(ComfyUiProperties properties, ResourceLoader resources) {
        return properties.editWorkflow() == null ? null
                : of(read(properties.editWorkflow(), "edit-workflow", resources), properties, true);
    }

    private static JsonNode read(String location, String property, ResourceLoader resources) {
        JsonMapper json = JsonMapper.builder().build();
        try (InputStream in = open(location, resources)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "." + property + " cannot be read: " + location, e);
        } catch (JacksonException e) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "." + property + " is not JSON: " + location, e);
        }
    }

    static WorkflowTemplate of(JsonNode root, ComfyUiProperties properties, boolean edit) {
        String which = ComfyUiProperties.PREFIX + "." + (edit ? "edit-workflow" : "workflow");
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalStateException(which + " must be a ComfyUI workflow in API format"
                    + " (an object of nodes; use \"Save (API Format)\")");
        }
        for (String id : root.propertyNames()) {
            JsonNode node = root.get(id);
            if (!node.isObject() || !node.has("class_type") || !node.has("inputs") || !node.get("inputs").isObject()) {
                throw new IllegalStateException(which + " node " + id
                        + " has no class_type/inputs: is it the API format (\"Save (API Format)\")?");
            }
        }
        boolean needsCheckpoint = !properties.models().equals(List.of(ComfyUiProperties.DEFAULT_MODEL));
        return new WorkflowTemplate(ComfyUiProperties.PREFIX + "." + (edit ? "edit-nodes" : "nodes"), (ObjectNode) root,
                edit ? properties.editNodes() : properties.nodes(), needsCheckpoint, edit);
    }

    private static InputStream open(String location, ResourceLoader resources) throws IOException {
        if (location.startsWith("classpath:")) {
            Resource resource = resources.getResource(location);
            if (!resource.exists()) {
                throw new IOException("no such classpath resource");
            }
            return resource.getInputStream();
        }
        return Files.newInputStream(Path.of(location));
    }

    /** The node id a mapping names: an id, else the one node whose {@code _meta.title} it is. */
    private static String find(ObjectNode workflow, String reference, String property) {
        if (workflow.has(reference)) {
            return reference;
        }
        List<String> titled = new ArrayList<>();
        for (String id : workflow.propertyNames()) {
            JsonNode title = workflow.get(id).path("_meta").get("title");
            if (title != null && title.isString() && title.stringValue().equals(reference)) {
                titled.add(id);
            }
        }
        if (titled.size() > 1) {
            throw new IllegalStateException(property + ": the title '" + reference
                    + "' names several nodes " + titled + "; use a node id");
        }
        return titled.isEmpty() ? null : titled.getFirst();
    }

    private String resolve(String role, String reference, String requiredInput) {
        String id = find(workflow, reference, property);
        if (id == null) {
            throw new IllegalStateException(property + "." + role + " names no node of the workflow: " + reference);
        }
        if (requiredInput != null) {
            requireInput(role, id, requiredInput);
        }
        return id;
    }

    private void requireInput(String role, String id, String input) {
        if (!workflow.get(id).get("inputs").has(input)) {
            throw new IllegalStateException(property + "." + role + ": node " + id + " ("
                    + workflow.get(id).get("class_type").asString() + ") has no " + input + " input");
        }
    }

    /** The workflow with the request's prompt, negative prompt, seed, size, count and checkpoint written in. */
    ObjectNode render(ProviderRequest request, String checkpoint) {
        return render(request, checkpoint, null, 0);
    }

    /**
     * The workflow with the request's values written in; for an img2img template also the uploaded
     * image's name and the denoise strength.
     */
    ObjectNode render(ProviderRequest request, String checkpoint, String uploadedImage, double denoise) {
        ObjectNode copy = workflow.deepCopy();
        inputs(copy, promptNode).put("text", request.prompt());
        if (negativeNode != null) {
            inputs(copy, negativeNode).put("text", request.negativePrompt() == null ? "" : request.negativePrompt());
        }
        inputs(copy, samplerNode).put(seedInput, request.seed());
        ObjectNode latent = inputs(copy, latentNode);
        latent.put("width", request.size().width());
        latent.put("height", request.size().height());
        if (latent.has("batch_size")) {
            latent.put("batch_size", request.count());
        }
        if (batchNode != null) {
            inputs(copy, batchNode).put("amount", request.count());
        }
        if (imageNode != null) {
            inputs(copy, imageNode).put("image", uploadedImage);
            if (inputs(copy, samplerNode).has("denoise")) {
                inputs(copy, samplerNode).put("denoise", denoise);
            }
        }
        if (checkpoint != null && checkpointNode != null) {
            inputs(copy, checkpointNode).put("ckpt_name", checkpoint);
        }
        return copy;
    }

    /** Whether this is an img2img template (it takes an uploaded image). */
    boolean takesImage() {
        return imageNode != null;
    }

    /** The node whose images are the result, or null for every node that output images. */
    String outputNode() {
        return outputNode;
    }

    private static ObjectNode inputs(ObjectNode workflow, String id) {
        return (ObjectNode) workflow.get(id).get("inputs");
    }
}
