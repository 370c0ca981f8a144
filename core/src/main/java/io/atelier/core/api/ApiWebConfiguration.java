package io.atelier.core.api;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every controller route needs an API key unless marked {@link PublicEndpoint}. */
@Configuration(proxyBeanMethods = false)
class ApiWebConfiguration implements WebMvcConfigurer {

    private final ApiKeyInterceptor apiKeys;
    private final CallerArgumentResolver callers;

    ApiWebConfiguration(ApiKeyInterceptor apiKeys, CallerArgumentResolver callers) {
        this.apiKeys = apiKeys;
        this.callers = callers;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // The OpenAPI description and Swagger UI are public, like the documents they replace.
        registry.addInterceptor(apiKeys).addPathPatterns("/**").excludePathPatterns("/actuator/**", "/error", "/files/**",
                "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui", "/swagger-ui/**", "/swagger-ui.html");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(callers);
    }
}
