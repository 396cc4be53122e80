package io.pilothouse.views.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.replicas.CheckOutcome;
import io.pilothouse.services.replicas.HostAction;
import io.pilothouse.services.replicas.PlannedStep;
import io.pilothouse.services.replicas.UpstreamMember;
import io.pilothouse.services.replicas.PreCheck;
import io.pilothouse.services.replicas.ReplicaFailedException;
import io.pilothouse.services.replicas.ReplicaPreview;
import io.pilothouse.services.replicas.ReplicaReport;
import io.pilothouse.services.replicas.ReplicaRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The wizard's pages and words, with the services answered at once on the current thread. */
class ReplicaWizardModelTest {

    private static final ReplicaRequest REQUEST = new ReplicaRequest("127.0.0.1", Optional.empty(), 5433,
            "/srv/pg/node4", "node4", Optional.empty(), Map.of(), "replicator", "postgres", Optional.empty(), 8010,
            Optional.empty());
    private static final ClusterSnapshot CLUSTER = ClusterSnapshot.builder("src", "demo").leader("node1")
            .members(List.of()).sources(Map.of()).observedAt(Instant.EPOCH).build();

    private final List<ReplicaRequest> previewed = new ArrayList<>();
    private CheckOutcome diskOutcome = CheckOutcome.PASS;
    private Throwable runFailure;

    private final ReplicaActions actions = new ReplicaActions() {
        @Override
        public CompletableFuture<ReplicaPreview> preview(ReplicaRequest request) {
            previewed.add(request);
            return CompletableFuture.completedFuture(new ReplicaPreview(CLUSTER, request, false,
                    new UpstreamMember("node1", "127.0.0.1", 5432), "this machine",
                    List.of(new PreCheck("disk", diskOutcome, "83.5 MiB needed; 10.0 MiB free")),
                    List.of(new PlannedStep("start the replica", new HostAction.Command(List.of("pg_ctl", "start"),
                            Duration.ofSeconds(1)), null, null)), null));
        }

        @Override
        public CompletableFuture<ReplicaReport> add(ReplicaPreview preview, Consumer<String> progress) {
            progress.accept("-> start the replica");
            if (runFailure != null) {
                return CompletableFuture.failedFuture(runFailure);
            }
            return CompletableFuture.completedFuture(report(true));
        }
    };

    private static ReplicaReport report(boolean ok) {
        return new ReplicaReport("replica-add", "node4", "this machine", List.of(), List.of("ok (1.0 s): start the replica: "
                + "pg_ctl start"), ok ? List.of() : List.of("undone: drop the slot node4"), List.of(), ok,
                Duration.ofSeconds(6));
    }

    private ReplicaWizardModel model(boolean readOnly) {
        return new ReplicaWizardModel("demo", readOnly, actions, Runnable::run);
    }

    @Test
    void walksFromTargetThroughPreviewAndProgressToTheReport() {
        ReplicaWizardModel m = model(false);
        m.review(REQUEST);
        assertThat(m.pageProperty().get()).isEqualTo(ReplicaPage.PREVIEW);
        assertThat(m.confirmLabel()).isEqualTo("Add node4 to demo");
        assertThat(m.canAdd()).isTrue();
        m.add();
        assertThat(m.pageProperty().get()).isEqualTo(ReplicaPage.REPORT);
        assertThat(m.progress()).containsExactly("-> start the replica");
        assertThat(m.reportProperty().get().ok()).isTrue();
        assertThat(m.errorProperty().get()).isNull();
    }

    @Test
    void aFailedCheckKeepsTheConfirmButtonOffAndSaysWhy() {
        diskOutcome = CheckOutcome.FAIL;
        ReplicaWizardModel m = model(false);
        m.review(REQUEST);
        assertThat(m.canAdd()).isFalse();
        assertThat(m.whyNot()).isEqualTo("1 pre-check(s) failed: [FAIL] disk: 83.5 MiB needed; 10.0 MiB free");
        m.add();
        assertThat(m.pageProperty().get()).isEqualTo(ReplicaPage.PREVIEW);
    }

    @Test
    void aReadOnlyWorkspaceNeverRuns() {
        ReplicaWizardModel m = model(true);
        m.review(REQUEST);
        assertThat(m.canAdd()).isFalse();
        assertThat(m.whyNot()).isEqualTo("This workspace is read-only.");
    }

    @Test
    void aFailedRunShowsItsReportWithWhatWasUndone() {
        runFailure = new ReplicaFailedException("adding node4 failed: copy failed: exit 1", report(false));
        ReplicaWizardModel m = model(false);
        m.review(REQUEST);
        m.add();
        assertThat(m.pageProperty().get()).isEqualTo(ReplicaPage.REPORT);
        assertThat(m.errorProperty().get()).contains("copy failed: exit 1");
        assertThat(m.reportProperty().get().undone()).containsExactly("undone: drop the slot node4");
    }

    @Test
    void backReturnsToTheTargetToChangeTheRequest() {
        ReplicaWizardModel m = model(false);
        m.review(REQUEST);
        m.back();
        assertThat(m.pageProperty().get()).isEqualTo(ReplicaPage.TARGET);
        m.review(REQUEST);
        assertThat(previewed).hasSize(2);
    }
}
