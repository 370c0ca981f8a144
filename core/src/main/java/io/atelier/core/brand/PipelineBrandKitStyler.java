package io.atelier.core.brand;

import io.atelier.core.prompt.BrandKitStyler;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The prompt pipeline's brand-kit hook: the team's kit applied by the same rule every surface uses
 * ({@link BrandKitService#applyTo}). One database read, no network.
 */
@Component
class PipelineBrandKitStyler implements BrandKitStyler {

    private final BrandKitService brandKits;

    PipelineBrandKitStyler(BrandKitService brandKits) {
        this.brandKits = brandKits;
    }

    @Override
    public Optional<BrandStyling> style(String teamId, String prompt, int maxLength) {
        return brandKits.find(teamId)
                .filter(kit -> !kit.isEmpty())
                .map(kit -> {
                    String branded = brandKits.applyTo(prompt, kit, maxLength);
                    List<String> warnings = branded.contains(BrandKitService.fit(prompt == null ? "" : prompt.strip(), maxLength))
                            ? List.of() : List.of("the prompt was shortened to make room for the brand kit");
                    return new BrandStyling(branded, warnings);
                });
    }
}
