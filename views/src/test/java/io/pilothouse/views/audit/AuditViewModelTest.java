package io.pilothouse.views.audit;

import io.pilothouse.services.policy.AuditException;
import io.pilothouse.services.policy.AuditVerification;
import io.pilothouse.views.Tone;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit window's model with its actions port and fx on the current thread: no toolkit, no window. */
class AuditViewModelTest {

    private final List<CompletableFuture<AuditActions.Read>> reads = new ArrayList<>();
    private final AuditViewModel vm = new AuditViewModel(SampleAudit.CLOCK, () -> {
        CompletableFuture<AuditActions.Read> f = new CompletableFuture<>();
        reads.add(f);
        return f;
    }, Runnable::run);

    @Test
    void refreshShowsWhatWasRead() {
        vm.refresh();
        reads.get(0).complete(new AuditActions.Read(SampleAudit.ALL, AuditVerification.ok(4)));
        assertThat(vm.rowsProperty().get()).hasSize(4);
        assertThat(vm.rowsProperty().get().get(0)).isEqualTo(SampleAudit.RELOAD);
        assertThat(vm.bannerToneProperty().get()).isNotEqualTo(Tone.DANGER);
    }

    @Test
    void anAnswerOvertakenByANewerRefreshIsDropped() {
        vm.refresh();
        vm.refresh();
        reads.get(1).complete(new AuditActions.Read(List.of(SampleAudit.RELOAD), AuditVerification.ok(1)));
        reads.get(0).complete(new AuditActions.Read(SampleAudit.ALL, AuditVerification.ok(4)));
        assertThat(vm.rowsProperty().get()).containsExactly(SampleAudit.RELOAD);
    }

    @Test
    void anUnreadableLogSaysWhyInWordsAndKeepsTheRows() {
        vm.refresh();
        reads.get(0).complete(new AuditActions.Read(SampleAudit.ALL, AuditVerification.ok(4)));
        vm.refresh();
        reads.get(1).completeExceptionally(new AuditException("line 3 is not JSON", null));
        assertThat(vm.bannerProperty().get()).isEqualTo("Cannot read the audit log: line 3 is not JSON");
        assertThat(vm.bannerToneProperty().get()).isEqualTo(Tone.DANGER);
        assertThat(vm.rowsProperty().get()).hasSize(4);
    }

    @Test
    void aClosedWindowDropsTheReadStillRunning() {
        vm.refresh();
        vm.dispose();
        reads.get(0).complete(new AuditActions.Read(SampleAudit.ALL, AuditVerification.ok(4)));
        assertThat(vm.rowsProperty().get()).isEmpty();
    }
}
