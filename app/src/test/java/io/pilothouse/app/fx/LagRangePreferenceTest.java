package io.pilothouse.app.fx;

import io.pilothouse.services.platform.PreferencesStore;
import io.pilothouse.services.platform.UserPreferences;
import io.pilothouse.views.lag.LagRange;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Group;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The lag range last chosen is applied when the window opens and saved when it closes; an unknown one is skipped. */
class LagRangePreferenceTest {

    @TempDir
    Path dir;

    @Test
    void theSavedRangeIsAppliedAndTheChosenOneSavedOnClose() throws Exception {
        PreferencesStore store = new PreferencesStore(dir.resolve("preferences.json"), w -> { });
        store.save(UserPreferences.NONE.withLagRange("one_hour"));
        StagePreferences preferences = new StagePreferences(store, store.load());
        ObjectProperty<LagRange> range = new SimpleObjectProperty<>(LagRange.FIVE_MINUTES);

        preferences.followLagRange(range);
        assertThat(range.get()).isEqualTo(LagRange.ONE_HOUR);

        range.set(LagRange.ONE_DAY);
        FxToolkit.startHeadless();
        FxToolkit.call(() -> {
            Stage stage = new Stage();
            stage.setScene(new Scene(new Group(), 400, 300));
            preferences.remember(stage);
            return null;
        }, 10);
        assertThat(store.load().lagRangeName()).contains("one_day");
    }

    @Test
    void aRangeThisVersionDoesNotKnowIsSkipped() throws Exception {
        PreferencesStore store = new PreferencesStore(dir.resolve("preferences.json"), w -> { });
        store.save(UserPreferences.NONE.withLagRange("fortnight"));
        ObjectProperty<LagRange> range = new SimpleObjectProperty<>(LagRange.FIVE_MINUTES);
        new StagePreferences(store, store.load()).followLagRange(range);
        assertThat(range.get()).isEqualTo(LagRange.FIVE_MINUTES);
    }
}
