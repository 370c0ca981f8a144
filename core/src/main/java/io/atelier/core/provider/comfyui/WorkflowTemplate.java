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

    private final ObjectNode workflow;
    private final String promptNode;
    private final String negativeNode;
    private final String samplerNode;
    private final String seedInput;
    private final String latentNode;
    private final String checkpointNode;
    private final String outputNode;

    private WorkflowTemplate(ObjectNode workflow, ComfyUiProperties.Nodes nodes, boolean needsCheckpoint) {
        this.workflow = workflow;
        this.promptNode = resolve(workflow, "prompt", nodes.prompt(), "text");
        this.negativeNode = nodes.negative().isEmpty() ? null : resolve(workflow, "negative", nodes.negative(), "text");
        this.samplerNode = resolve(workflow, "sampler", nodes.sampler(), null);
        JsonNode samplerInputs = workflow.get(samplerNode).get("inputs");
        if (samplerInputs.has("seed")) {
            this.seedInput = "seed";
        } else if (samplerInputs.has("noise_seed")) {
            this.seedInput = "noise_seed";
        } else {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "nodes.sampler: node " + samplerNode
                    + " has neither a seed nor a noise_seed input");
        }
        this.latentNode = resolve(workflow, "latent", nodes.latent(), "width");
        for (String input : new String[] {"height", "batch_size"}) {
            if (!workflow.get(latentNode).get("inputs").has(input)) {
                throw new IllegalStateException(ComfyUiProperties.PREFIX + "nodes.latent: node " + latentNode + " has no " + input + " input");
            }
        }
        this.checkpointNode = nodes.checkpoint().isEmpty() ? null
                : needsCheckpoint ? resolve(workflow, "checkpoint", nodes.checkpoint(), "ckpt_name")
                : find(workflow, nodes.checkpoint());
        if (needsCheckpoint && checkpointNode == null) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "models names checkpoints, but nodes.checkpoint is blank");
        }
        this.outputNode = nodes.output().isEmpty() ? null : resolve(workflow, "output", nodes.output(), null);
    }

    /** Loads the configured workflow ({@code classpath:…} or a file) and checks the node mapping. */
    static WorkflowTemplate load(ComfyUiProperties properties, ResourceLoader resources) {
        String location = properties.workflow();
        JsonMapper json = JsonMapper.builder().build();
        JsonNode root;
        try (InputStream in = open(location, resources)) {
            root = json.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "workflow cannot be read: " + location, e);
        } catch (JacksonException e) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "workflow is not JSON: " + location, e);
        }
        return of(root, properties);
    }

    static WorkflowTemplate of(JsonNode root, ComfyUiProperties properties) {
        if (root == null || !root.isObject() || root.isEmpty()) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "workflow must be a ComfyUI workflow in API format"
                    + " (an object of nodes; use \"Save (API Format)\")");
        }
        for (String id : root.propertyNames()) {
            JsonNode node = root.get(id);
            if (!node.isObject() || !node.has("class_type") || !node.has("inputs") || !node.get("inputs").isObject()) {
                throw new IllegalStateException(ComfyUiProperties.PREFIX + "workflow node " + id
                        + " has no class_type/inputs: is it the API format (\"Save (API Format)\")?");
            }
        }
        boolean needsCheckpoint = !properties.models().equals(List.of(ComfyUiProperties.DEFAULT_MODEL));
        return new WorkflowTemplate((ObjectNode) root, properties.nodes(), needsCheckpoint);
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
    private static String find(ObjectNode workflow, String reference) {
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
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "nodes: the title '" + reference
                    + "' names several nodes " + titled + "; use a node id");
        }
        return titled.isEmpty() ? null : titled.getFirst();
    }

    private static String resolve(ObjectNode workflow, String role, String reference, String requiredInput) {
        String id = find(workflow, reference);
        if (id == null) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "nodes." + role + " names no node of the workflow: " + reference);
        }
        if (requiredInput != null && !workflow.get(id).get("inputs").has(requiredInput)) {
            throw new IllegalStateException(ComfyUiProperties.PREFIX + "nodes." + role + ": node " + id + " ("
                    + workflow.get(id).get("class_type").asString() + ") has no " + requiredInput + " input");
        }
        return id;
    }

    /** The workflow with the request's prompt, negative prompt, seed, size, count and checkpoint written in. */
    ObjectNode render(ProviderRequest request, String checkpoint) {
        ObjectNode copy = workflow.deepCopy();
        inputs(copy, promptNode).put("text", request.prompt());
        if (negativeNode != null) {
            inputs(copy, negativeNode).put("text", request.negativePrompt() == null ? "" : request.negativePrompt());
        }
        inputs(copy, samplerNode).put(seedInput, request.seed());
        ObjectNode latent = inputs(copy, latentNode);
        latent.put("width", request.size().width());
        latent.put("height", request.size().height());
        latent.put("batch_size", request.count());
        if (checkpoint != null && checkpointNode != null) {
            inputs(copy, checkpointNode).put("ckpt_name", checkpoint);
        }
        return copy;
    }

    /** The node whose images are the result, or null for every node that output images. */
    String outputNode() {
        return outputNode;
    }

    private static ObjectNode inputs(ObjectNode workflow, String id) {
        return (ObjectNode) workflow.get(id).get("inputs");
    }
}
