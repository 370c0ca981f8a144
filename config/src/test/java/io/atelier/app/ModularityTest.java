package io.atelier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.atelier.core.prompt.preset.PresetService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;
import org.springframework.modulith.docs.Documenter;

/**
 * Spring Modulith's view of all of {@code io.atelier}: the modules are the packages whose
 * {@code package-info} carries {@code @ApplicationModule} (detection strategy set in application.yml);
 * a module's API is its base package plus the sub-packages marked {@code @NamedInterface}; everything
 * else is internal. {@code verify()} fails on a dependency cycle between modules and on any type that
 * reaches into another module's internals. The diagrams in {@code docs/architecture/} are generated
 * here and must match the code; regenerate them with {@link #REGENERATE}.
 */
class ModularityTest {

    static final String REGENERATE = "./mvnw -q -pl config -am test -Dtest=ModularityTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Datelier.docs.write=true";

    /** The application; the test kit (fakes of the chat platforms, on this module's test class path) is not part of it. */
    static final ApplicationModules MODULES = ApplicationModules.of("io.atelier",
            JavaClass.Predicates.resideInAPackage("io.atelier.testkit.."));

    @Test
    void everyModuleKeepsToTheOthersApis() {
        assertThat(MODULES.stream().map(m -> m.getBasePackage().getName()))
                .contains("io.atelier.core.generation", "io.atelier.core.api.openai", "io.atelier.bot.chat",
                        "io.atelier.bot.discord", "io.atelier.tools", "io.atelier.app");
        MODULES.verify();
    }

    /** A new package must say which module it is (or belong to one), or the verification would not see it. */
    @Test
    void everyClassBelongsToAModule() {
        JavaClasses all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.atelier");
        assertThat(all.stream().filter(type -> !type.getPackageName().startsWith("io.atelier.testkit"))
                .filter(type -> !type.getSimpleName().equals("package-info"))
                .filter(type -> MODULES.getModuleByType(type.getName()).isEmpty())
                .map(JavaClass::getPackageName).distinct().sorted())
                .as("packages outside every module: give them a package-info.java with @ApplicationModule")
                .isEmpty();
    }

    @Test
    void internalsAreNotPartOfAModulesApi() {
        assertThat(exposed("io.atelier.core.provider.openai.OpenAiImageProvider"))
                .as("a provider backend is internal to the provider module").isFalse();
        assertThat(exposed("io.atelier.core.prompt.inline.InlineParameterParser"))
                .as("the prompt pipeline's inline parser is internal to the prompt module").isFalse();
        assertThat(exposed(PresetService.class.getName())).as("presets are a named interface of the prompt module").isTrue();
    }

    /** The same verification over a two-module fixture in which one module uses the other's internal type. */
    @Test
    void reachingIntoAnotherModulesInternalsFails() {
        ApplicationModules fixture = ApplicationModules.of("io.atelier.app.modularity.fixture",
                (ImportOption) location -> true);
        assertThat(fixture.stream().map(ApplicationModule::getIdentifier).map(Object::toString)).hasSize(2);
        assertThatThrownBy(fixture::verify).isInstanceOf(Violations.class)
                .hasMessageContaining("non-exposed type io.atelier.app.modularity.fixture.orders.internal.OrderRow");
    }

    /** The HTTP dialects are siblings under the web plumbing module and never use one another. */
    @Test
    void dialectsNeverDependOnEachOther() {
        ApplicationModule web = MODULES.getModuleForPackage("io.atelier.core.api").orElseThrow();
        var dialects = MODULES.getNestedModules(web);
        assertThat(dialects).hasSizeGreaterThan(5);
        for (ApplicationModule dialect : dialects) {
            assertThat(dialect.getDirectDependencies(MODULES).uniqueModules().filter(dialects::contains))
                    .as("modules %s depends on", dialect.getIdentifier()).isEmpty();
        }
    }

    @Test
    void theArchitectureDiagramsMatchTheCode() throws IOException {
        Path generated = Path.of("target/modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(generated.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        ModuleMap.sortRelationships(generated);
        Files.writeString(generated.resolve("modules.md"), ModuleMap.render(MODULES));
        Path docs = DocumentationTest.repositoryRoot().resolve("docs/architecture");
        if (Boolean.getBoolean("atelier.docs.write")) {
            ModuleMap.replace(docs, generated);
        }
        for (Path file : files(generated)) {
            Path committed = docs.resolve(generated.relativize(file));
            assertThat(Files.exists(committed) ? Files.readString(committed) : "")
                    .as("docs/architecture/%s differs from the code; regenerate with: %s", generated.relativize(file), REGENERATE)
                    .isEqualTo(Files.readString(file));
        }
        assertThat(files(docs).stream().map(docs::relativize).map(Path::toString).filter(n -> !n.equals("index.md")))
                .as("files in docs/architecture/ the code no longer generates; regenerate with: " + REGENERATE)
                .containsExactlyInAnyOrderElementsOf(files(generated).stream().map(generated::relativize).map(Path::toString).toList());
    }

    private static boolean exposed(String type) {
        ApplicationModule module = MODULES.getModuleByType(type).orElseThrow();
        return module.isExposed(module.getType(type).orElseThrow());
    }

    private static List<Path> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
