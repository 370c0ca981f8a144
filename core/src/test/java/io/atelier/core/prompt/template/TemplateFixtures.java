package io.atelier.core.prompt.template;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the template service over a test database (its constructor is package-private). */
public final class TemplateFixtures {
    private TemplateFixtures() {
    }

    public static TemplateService service(JdbcClient jdbc) {
        return new TemplateService(new TemplateRepository(jdbc));
    }
}
