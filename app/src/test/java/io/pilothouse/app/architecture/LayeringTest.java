package io.pilothouse.app.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import io.pilothouse.app.fx.FxToolkit;
import io.pilothouse.app.fx.WindowFactory;
import io.pilothouse.views.live.FrameCoalescer;
import io.pilothouse.views.live.FramePulse;
import javafx.application.Platform;
import javafx.stage.Stage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module lines of DEVELOPERS.md, held by tests rather than by good intentions. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Production code only: test classes in this module, in other modules' test-jars and in the test-support
        // module (main code of its own, but used by tests only) stay out.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .withImportOption(location -> !location.contains("/test-support/")
                        && !location.contains("/test-support-"))
                .importPackages("io.pilothouse");
    }

    @Test
    void servicesKnowNothingOfJavaFx() {
        noClasses().that().resideInAPackage("io.pilothouse.services..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "atlantafx..")
                .because("services are the domain and I/O; views bind to what they publish, never the reverse")
                .check(classes);
    }

    @Test
    void viewsDoNoIo() {
        noClasses().that().resideInAPackage("io.pilothouse.views..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.postgresql..",
                        "com.zaxxer..", "java.net.http..", "io.etcd..", "io.grpc..",
                        "io.pilothouse.services.etcd..", "io.pilothouse.services.postgres..",
                        "io.pilothouse.services.patroni..", "io.pilothouse.services.sandbox..")
                .because("views bind to snapshots; all JDBC, HTTP and etcd work happens in services off the FX thread")
                .check(classes);
    }

    @Test
    void servicesAndViewsDoNotReachIntoTheApp() {
        noClasses().that().resideInAnyPackage("io.pilothouse.services..", "io.pilothouse.views..",
                        "io.pilothouse.styles..")
                .should().dependOnClassesThat().resideInAPackage("io.pilothouse.app..")
                .because("app wires the other modules; nothing depends on the wiring")
                .check(classes);
    }

    @Test
    void stylesAreOnlyThemes() {
        noClasses().that().resideInAPackage("io.pilothouse.styles..")
                .should().dependOnClassesThat().resideInAnyPackage("io.pilothouse.services..", "io.pilothouse.views..")
                .because("themes are CSS and a loader; they know no model and no view")
                .check(classes);
    }

    @Test
    void servicesPackagesHaveNoCycles() {
        slices().matching("io.pilothouse.services.(*)..").should().beFreeOfCycles()
                .because("a package that reaches back into its readers cannot be understood, tested or moved alone; "
                        + "`scripts/dev/package-cycles.py services/src/main/java io.pilothouse.services` "
                        + "shows the same from the sources")
                .check(classes);
    }

    /**
     * The layers of {@code services}, bottom up (README, Layout). A layer uses only the layers below it; within a
     * layer packages may use each other as long as no cycle forms (rule above).
     */
    @Test
    void servicesAreLayered() {
        String services = "io.pilothouse.services.";
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Platform").definedBy(services + "platform..")
                .layer("Workspace").definedBy(services + "workspace..")
                .layer("Model").definedBy(services + "model..")
                .layer("Sources").definedBy(services + "credentials..", services + "postgres..",
                        services + "patroni..", services + "etcd..", services + "locks..",
                        services + "hosts..")
                .layer("Policy").definedBy(services + "policy..")
                .layer("Features").definedBy(services + "alerts..", services + "slots..", services + "indoubt..",
                        services + "shards..", services + "history..", services + "metrics..",
                        services + "consistency..", services + "activity..")
                .layer("Live").definedBy(services + "live..")
                .layer("Operations").definedBy(services + "operations..", services + "switchover..",
                        services + "reshard..", services + "replicas..")
                .layer("Sandbox").definedBy(services + "sandbox..")
                .whereLayer("Platform").mayNotAccessAnyLayer()
                .whereLayer("Workspace").mayOnlyAccessLayers("Platform")
                .whereLayer("Model").mayOnlyAccessLayers("Platform", "Workspace")
                .whereLayer("Sources").mayOnlyAccessLayers("Platform", "Workspace", "Model")
                .whereLayer("Policy").mayOnlyAccessLayers("Platform", "Workspace", "Model", "Sources")
                .whereLayer("Features").mayOnlyAccessLayers("Platform", "Workspace", "Model", "Sources", "Policy")
                .whereLayer("Live").mayOnlyAccessLayers("Platform", "Workspace", "Model", "Sources", "Policy",
                        "Features")
                .whereLayer("Operations").mayOnlyAccessLayers("Platform", "Workspace", "Model", "Sources", "Policy",
                        "Features", "Live")
                .whereLayer("Sandbox").mayNotBeAccessedByAnyLayer()
                .because("the snapshot contract (model) is the floor every reader stands on, the I/O sources only "
                        + "fill it, features read it, live assembles it and operations change the estate; a lower "
                        + "layer that reached up would pull the I/O engine into every reader")
                .check(classes);
    }

    @Test
    void noRawThreadsOutsideTheExecutors() {
        noClasses().that().resideInAnyPackage("io.pilothouse..")
                .and().doNotHaveFullyQualifiedName("io.pilothouse.services.live.LiveExecutors")
                .and().doNotHaveFullyQualifiedName("io.pilothouse.app.wiring.ShutdownHooks")
                // The views' frame clock: one daemon thread that only wakes frames on the FX thread, where a Timeline
                // would keep JavaFX pulsing 60 times a second.
                .and().doNotHaveFullyQualifiedName("io.pilothouse.views.live.FramePulse")
                .and().resideOutsideOfPackage("io.pilothouse.services.sandbox..")
                .should().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class, Runnable.class, String.class)
                .because("background work goes through the injected executors (style.md, concurrency vocabulary)")
                .check(classes);
    }

    @Test
    void onlyTheToolkitHelperAndTheFrameMachineryHandWorkToTheFxThread() {
        DescribedPredicate<JavaAccess<?>> runLater = DescribedPredicate.describe("Platform.runLater",
                a -> a.getTargetOwner().isEquivalentTo(Platform.class) && a.getName().equals("runLater"));
        noClasses().that().resideInAPackage("io.pilothouse..")
                .and().doNotBelongToAnyOf(FxToolkit.class, FrameCoalescer.class, FramePulse.class)
                .should().accessTargetWhere(runLater)
                .because("background answers reach the FX thread one way: a view model's injected fx executor "
                        + "(FxToolkit.fx() in the app, Runnable::run in tests), or the frame coalescer for snapshots, "
                        + "in the frames the frame pulse wakes (style.md, one UI task vocabulary)")
                .check(classes);
    }

    @Test
    void windowsAreMadeByTheWindowFactory() {
        noClasses().that().resideInAPackage("io.pilothouse..")
                .and().doNotBelongToAnyOf(WindowFactory.class)
                .should().callConstructor(Stage.class)
                .because("every window gets its owner, modality, theme and close keys in one place (WindowFactory)")
                .check(classes);
    }
}
