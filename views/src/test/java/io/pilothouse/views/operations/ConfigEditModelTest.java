package io.pilothouse.views.operations;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration editor's model with its actions port and fx on the current thread: no toolkit. */
class ConfigEditModelTest {

    private final List<List<String>> asked = new ArrayList<>();
    private final List<CompletableFuture<ConfigEditModel.Preview>> previews = new ArrayList<>();
    private final List<List<String>> applied = new ArrayList<>();
    private final CompletableFuture<String> read = new CompletableFuture<>();
    private final ConfigEditModel model = new ConfigEditModel("demo", new ConfigEditActions() {
        @Override
        public CompletableFuture<String> read() {
            return read;
        }

        @Override
        public CompletionStage<ConfigEditModel.Preview> preview(List<String> lines) {
            asked.add(lines);
            CompletableFuture<ConfigEditModel.Preview> f = new CompletableFuture<>();
            previews.add(f);
            return f;
        }

        @Override
        public CompletableFuture<OperationActions.Verified> apply(List<String> lines, Consumer<String> progress) {
            applied.add(lines);
            return new CompletableFuture<>();
        }
    }, Runnable::run);

    private static ConfigEditModel.Preview loopWait(String problem) {
        return new ConfigEditModel.Preview(List.of(new DiffRow("loop_wait", "10", "5")),
                problem == null ? List.of() : List.of(problem));
    }

    @Test
    void theCurrentConfigurationIsReadOrItsFailureSaid() {
        model.load();
        assertThat(model.currentProperty().get()).isEqualTo("Reading the configuration \u2026");
        read.completeExceptionally(new IllegalStateException("REST API of node1 refused"));
        assertThat(model.currentProperty().get()).startsWith("Could not read the configuration: REST API of node1 "
                + "refused \u2014 close and open");
        assertThat(model.currentFailedProperty().get()).isTrue();
    }

    @Test
    void aPreviewOfTheTextAsItStandsEnablesApplyAndAppliesExactlyThoseLines() {
        model.changesProperty().set("# a comment\nloop_wait=5\n\n");
        model.preview();
        assertThat(model.previewingProperty().get()).isTrue();
        assertThat(asked).containsExactly(List.of("loop_wait=5"));
        previews.get(0).complete(loopWait(null));
        assertThat(model.previewingProperty().get()).isFalse();
        assertThat(model.canApplyBinding().get()).isTrue();
        assertThat(model.impact()).startsWith("1 setting of demo change on every member (loop_wait: 10 \u2192 5)");
        model.applyPreviewed().run(line -> { });
        assertThat(applied).containsExactly(List.of("loop_wait=5"));
    }

    @Test
    void anEditMakesThePreviewStaleAndAnOverTakenPreviewIsDropped() {
        model.changesProperty().set("loop_wait=5");
        model.preview();
        previews.get(0).complete(loopWait(null));
        model.changesProperty().set("loop_wait=50");
        assertThat(model.previewProperty().get()).isNull();
        assertThat(model.applyPreviewed()).isNull();
        model.preview();
        model.preview();
        previews.get(2).complete(loopWait("loop_wait (50) must be below ttl/2"));
        previews.get(1).complete(loopWait(null));
        assertThat(model.problemsProperty().get()).containsExactly("loop_wait (50) must be below ttl/2");
        assertThat(model.canApplyBinding().get()).isFalse();
    }

    @Test
    void nothingToPreviewOrNothingChangingIsSaid() {
        model.preview();
        assertThat(asked).isEmpty();
        assertThat(model.problemsProperty().get()).containsExactly("Write at least one change, e.g. loop_wait=5.");
        model.changesProperty().set("loop_wait=10");
        model.preview();
        previews.get(0).complete(new ConfigEditModel.Preview(List.of(new DiffRow("loop_wait", "10", "10")),
                List.of()));
        assertThat(model.problemsProperty().get()).containsExactly("Nothing changes: every key already has this "
                + "value.");
        assertThat(model.problemsAreNoticeProperty().get()).isTrue();
        assertThat(model.canApplyBinding().get()).isFalse();
        model.changesProperty().set("loop_wait");
        model.preview();
        previews.get(1).completeExceptionally(new IllegalArgumentException("'loop_wait' is not an assignment"));
        assertThat(model.problemsProperty().get()).containsExactly("'loop_wait' is not an assignment");
        assertThat(model.problemsAreNoticeProperty().get()).isFalse();
    }
}
