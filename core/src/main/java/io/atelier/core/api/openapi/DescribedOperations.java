package io.atelier.core.api.openapi;

import io.swagger.v3.core.util.Yaml31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * What one API's YAML file ({@code classpath:openapi/<group>.yaml}) says that springdoc cannot see,
 * laid over the generated description: info and security, components, and per operation the
 * parameters, request body and responses it gives (a response replaces the generated one of the same
 * status; others stay). Every operation without a {@code default} response gets the file's
 * {@code components.responses.Error}: the dialect's error shape.
 */
final class DescribedOperations {

    private final OpenAPI described;

    private DescribedOperations(OpenAPI described) {
        this.described = described;
    }

    static DescribedOperations load(String group) {
        String resource = "/openapi/" + group + ".yaml";
        try (InputStream in = DescribedOperations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return new DescribedOperations(Yaml31.mapper().readValue(in, OpenAPI.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    String title() {
        return described.getInfo() == null ? null : described.getInfo().getTitle();
    }

    void applyTo(OpenAPI generated) {
        if (described.getInfo() != null) {
            generated.setInfo(described.getInfo());
        }
        if (described.getSecurity() != null) {
            generated.setSecurity(described.getSecurity());
        }
        Components components = generated.getComponents() == null ? new Components() : generated.getComponents();
        generated.setComponents(components);
        Components extra = described.getComponents();
        if (extra != null) {
            if (extra.getSchemas() != null) {
                extra.getSchemas().forEach(components::addSchemas);
            }
            if (extra.getResponses() != null) {
                extra.getResponses().forEach(components::addResponses);
            }
            if (extra.getSecuritySchemes() != null) {
                extra.getSecuritySchemes().forEach(components::addSecuritySchemes);
            }
        }
        if (generated.getPaths() == null) {
            return;
        }
        if (described.getPaths() != null) {
            described.getPaths().forEach((path, item) -> {
                PathItem target = generated.getPaths().get(path);
                if (target != null) {
                    overlay(item, target);
                }
            });
        }
        boolean hasError = extra != null && extra.getResponses() != null && extra.getResponses().containsKey("Error");
        if (hasError) {
            generated.getPaths().values().forEach(item -> item.readOperations().forEach(op -> {
                ApiResponses responses = op.getResponses() == null ? new ApiResponses() : op.getResponses();
                op.setResponses(responses);
                if (!responses.containsKey("default")) {
                    responses.addApiResponse("default", new ApiResponse().$ref("#/components/responses/Error"));
                }
            }));
        }
    }

    private static void overlay(PathItem described, PathItem target) {
        Map<PathItem.HttpMethod, Operation> targets = target.readOperationsMap();
        described.readOperationsMap().forEach((method, op) -> {
            Operation t = targets.get(method);
            if (t == null) {
                return;
            }
            if (op.getSummary() != null) {
                t.setSummary(op.getSummary());
            }
            if (op.getDescription() != null) {
                t.setDescription(op.getDescription());
            }
            if (op.getParameters() != null) {
                t.setParameters(op.getParameters());
            }
            if (op.getRequestBody() != null) {
                t.setRequestBody(op.getRequestBody());
            }
            if (op.getSecurity() != null) {
                t.setSecurity(op.getSecurity());
            }
            if (op.getResponses() != null) {
                ApiResponses responses = t.getResponses() == null ? new ApiResponses() : t.getResponses();
                op.getResponses().forEach(responses::addApiResponse);
                t.setResponses(responses);
            }
        });
    }
}
