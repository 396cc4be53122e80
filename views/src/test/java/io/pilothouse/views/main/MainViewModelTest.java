package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.views.SampleEstates;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

/** The main view model's frame handling, driven frame by frame (the timer itself is not started). */
@ExtendWith(ApplicationExtension.class)
class MainViewModelTest {

    private final LatestEstate estate = new LatestEstate("ws", false);

    @Start
    void start(Stage stage) {
        // Toolkit only.
    }

    @Test
    void manyPutsBetweenTwoFramesAreAppliedOnce() {
        MainViewModel vm = onFx(() -> new MainViewModel(estate, SampleEstates.CLOCK));
        onFx(vm::onFrame);
        long applied = vm.applyCount();
        for (int i = 0; i < 1000; i++) {
            estate.put(i % 2 == 0 ? SampleEstates.ordersProd() : SampleEstates.billingProd());
        }
        onFx(vm::onFrame);
        assertThat(vm.applyCount()).isEqualTo(applied + 1);
        onFx(vm::onFrame);
        assertThat(vm.applyCount()).isEqualTo(applied + 1);
        assertThat(onFx(() -> vm.estateProperty().get().version())).isEqualTo(1000);
    }

    @Test
    void showsTheRequestedClusterOnceItAppears() {
        MainViewModel vm = onFx(() -> new MainViewModel(estate, SampleEstates.CLOCK));
        estate.put(SampleEstates.ordersProd());
        onFx(() -> vm.selectCluster(SampleEstates.EU, "billing-prod"));
        onFx(vm::onFrame);
        assertThat(onFx(() -> vm.selectedClusterProperty().get().scope())).isEqualTo("orders-prod");
        estate.put(SampleEstates.billingProd());
        onFx(vm::onFrame);
        assertThat(onFx(() -> vm.topology().clusterProperty().get().scope())).isEqualTo("billing-prod");
    }

    @Test
    void keepsTheSelectedMemberAcrossSnapshotsAndDropsItWhenItLeaves() {
        MainViewModel vm = onFx(() -> new MainViewModel(estate, SampleEstates.CLOCK));
        estate.put(SampleEstates.ordersProd());
        onFx(vm::onFrame);
        onFx(() -> vm.topology().selectMember("pg-orders-3"));
        estate.put(SampleEstates.ordersProd());
        onFx(vm::onFrame);
        assertThat(onFx(() -> vm.topology().selectedMemberProperty().get().name())).isEqualTo("pg-orders-3");
        var c = SampleEstates.ordersProd();
        estate.put(SampleEstates.cluster(c.source(), c.scope(), c.leader(), false, null,
                c.members().subList(0, 2), c.sources()));
        onFx(vm::onFrame);
        assertThat(onFx(() -> vm.topology().selectedMemberProperty().get())).isNull();
    }

    @Test
    void aPublishWakesTheSleepingFrameAndTheEstateIsShown() {
        MainViewModel vm = onFx(() -> new MainViewModel(estate, SampleEstates.CLOCK));
        onFx(vm::start);
        waitUntil(() -> vm.estateProperty().get() != null);
        long applied = onFx(vm::applyCount);
        // Published from an I/O thread while the window's frames sleep: the feed's listener wakes them.
        Thread publisher = new Thread(() -> estate.put(SampleEstates.billingProd()));
        publisher.start();
        waitUntil(() -> vm.estateProperty().get().cluster(SampleEstates.EU, "billing-prod").isPresent());
        assertThat(onFx(vm::applyCount)).isEqualTo(applied + 1);
        onFx(vm::stop);
    }
}
