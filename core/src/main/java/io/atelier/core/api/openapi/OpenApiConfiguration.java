package io.atelier.core.api.openapi;

import io.atelier.core.account.Caller;
import io.swagger.v3.oas.models.media.ObjectSchema;
import org.springdoc.core.models.GroupedOpenApi;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3.1 description, one group per API ({@code /v3/api-docs/native}, {@code …/openai},
 * {@code …/cuppa}, {@code …/v0}, {@code …/recoup}), with Swagger UI at {@code /swagger-ui}.
 *
 * <p>springdoc reads the routes from the controllers; the controllers read raw JSON
 * ({@code JsonNode}) and answer maps, so what springdoc cannot see (request bodies, answer shapes,
 * each dialect's error shape, authentication) is written out in {@code openapi/<group>.yaml} and laid
 * over the generated description by {@link DescribedOperations}. {@code OpenApiConformanceTest} sends
 * real requests to every route and checks the answers against the result.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static {
        // Raw JSON bodies are described in the YAML files; until then they are just "an object".
        SpringDocUtils.getConfig()
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, new ObjectSchema())
                .addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    GroupedOpenApi nativeApi() {
        return group("native", "io.atelier.core.api.v1", "io.atelier.core.api.brand", "io.atelier.core.api.provenance",
                "io.atelier.tools.assistant");
    }

    @Bean
    GroupedOpenApi openAiApi() {
        return group("openai", "io.atelier.core.api.openai");
    }

    @Bean
    GroupedOpenApi cuppaApi() {
        return group("cuppa", "io.atelier.core.api.cuppa");
    }

    @Bean
    GroupedOpenApi v0Api() {
        return group("v0", "io.atelier.core.api.v0");
    }

    @Bean
    GroupedOpenApi recoupApi() {
        return group("recoup", "io.atelier.core.api.recoup");
    }

    private static GroupedOpenApi group(String name, String... packages) {
        DescribedOperations described = DescribedOperations.load(name);
        return GroupedOpenApi.builder().group(name).displayName(described.title()).packagesToScan(packages)
                .addOpenApiCustomizer(described::applyTo).build();
    }
}
