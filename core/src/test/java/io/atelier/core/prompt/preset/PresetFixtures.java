package io.atelier.core.prompt.preset;

import io.atelier.core.prompt.template.TemplateService;
import io.atelier.core.provider.ModelCatalog;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Builds the preset service over a test database (its constructor is package-private). */
public final class PresetFixtures {
    private PresetFixtures() {
    }

    public static PresetService service(JdbcClient jdbc, TemplateService templates, ModelCatalog catalog) {
        return new PresetService(new PresetRepository(jdbc), templates, catalog);
    }
}
