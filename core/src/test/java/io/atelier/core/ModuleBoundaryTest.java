package io.atelier.core;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * Package-by-feature boundaries of the core: features do not depend on each other in cycles, and a
 * feature's {@code internal} package (wire formats) is used only by that feature.
 */
class ModuleBoundaryTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.atelier.core");

    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("io.atelier.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    /**
     * The prompt module's parts (preset, template, moderation, enhance, inline, pipeline) are one
     * Modulith module, so its verification does not see cycles between them: the shared base
     * (input, errors, time limit) never uses a part, and the parts form no cycle.
     */
    @Test
    void thePromptModulesPartsAreFreeOfCycles() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("io.atelier.core.prompt")
                .should().dependOnClassesThat().resideInAPackage("io.atelier.core.prompt.*..")
                .check(CORE);
        slices().matching("io.atelier.core.prompt.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void internalPackagesStayInsideTheirFeature() {
        ArchRule rule = ArchRuleDefinition.noClasses()
                .that().resideOutsideOfPackage("..provider..")
                .should().dependOnClassesThat().resideInAPackage("..provider.*.internal..")
                .allowEmptyShould(true);
        rule.check(CORE);
        ArchRuleDefinition.classes()
                .that().resideInAPackage("..internal..")
                .should().onlyBeAccessed().byClassesThat().resideInAPackage("..provider.*..")
                .allowEmptyShould(true)
                .check(CORE);
    }

    @Test
    void providersDoNotReachIntoTheRestOfTheCore() {
        ArchRuleDefinition.noClasses()
                .that().resideInAPackage("io.atelier.core.provider..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.atelier.core.generation..", "io.atelier.core.api..", "io.atelier.core.account..",
                        "io.atelier.core.storage..", "io.atelier.core.jobs..")
                .check(CORE);
    }
}
