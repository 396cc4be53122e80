package io.pilothouse.views.main;

import io.pilothouse.services.live.LatestEstate;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.FxTest;
import io.pilothouse.views.SampleEstates;
import io.pilothouse.views.Styles;
import io.pilothouse.views.topology.MemberCard;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.pilothouse.views.FxTest.onFx;
import static io.pilothouse.views.FxTest.waitUntil;
import static io.pilothouse.views.SampleEstates.DC2;
import static io.pilothouse.views.SampleEstates.EU;
import static io.pilothouse.views.SampleEstates.STAGING;
import static org.assertj.core.api.Assertions.assertThat;

/** The main window driven by hand-built snapshots in a {@link LatestEstate}, headless. */
@ExtendWith(ApplicationExtension.class)
class MainViewTest {

    /** Token colours of the light theme (tokens-light.css): the stripe of a card is its role colour. */
    private static final Color LIGHT_LEADER = Color.web("#8250df");
    private static final Color LIGHT_STALE = Color.web("#8c959f");

    private final LatestEstate estate = new LatestEstate("Production EU", true);
    private MainView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        estate.put(SampleEstates.ordersProd());
        estate.put(SampleEstates.billingProd());
        estate.put(SampleEstates.analyticsNoLeader());
        estate.put(SampleEstates.reportingStale());
        estate.put(SampleEstates.inventoryNine());
        view = MainView.builder(estate).clock(SampleEstates.CLOCK).build();
        FxTest.showLight(stage, view.root(), 1600, 1000);
    }

    @AfterEach
    void dispose() {
        onFx(view::dispose);
    }

    private void show(String source, String scope) {
        onFx(() -> {
            view.selectCluster(source, scope);
            view.refreshNow();
        });
    }

    private List<MemberCard> cards() {
        return onFx(() -> view.root().lookupAll("." + Styles.MEMBER_CARD).stream().map(MemberCard.class::cast)
                .toList());
    }

    private MemberCard card(String name) {
        return onFx(() -> view.topologyView().card(name));
    }

    private static boolean has(Node n, PseudoClass pc) {
        return onFx(() -> n.getPseudoClassStates().contains(pc));
    }

    private static Paint stripe(MemberCard card) {
        // Background layers: border, role stripe, surface (member-card.css).
        return onFx(() -> card.getBackground().getFills().get(1).getFill());
    }

    private Label bannerMessage(String id) {
        return onFx(() -> {
            Node banner = view.root().lookup("#" + id);
            return banner == null || !banner.isVisible() ? null
                    : (Label) banner.lookup("." + Styles.BANNER_MESSAGE);
        });
    }

    @Test
    void autoSelectsTheFirstClusterAndShowsOneCardPerMemberWithItsRole() {
        // Clusters are sorted by source then scope: billing-prod comes first.
        assertThat(onFx(() -> view.viewModel().selectedClusterProperty().get()))
                .isEqualTo(new ClusterKey(EU, "billing-prod"));
        show(EU, "orders-prod");
        List<MemberCard> cards = cards();
        assertThat(cards).extracting(c -> c.getMember().name())
                .containsExactlyInAnyOrder("pg-orders-1", "pg-orders-2", "pg-orders-3");
        assertThat(has(card("pg-orders-1"), Styles.LEADER)).isTrue();
        assertThat(has(card("pg-orders-2"), Styles.SYNC)).isTrue();
        assertThat(has(card("pg-orders-3"), Styles.REPLICA)).isTrue();
        // Role in words, not colour alone.
        Set<String> roleTexts = onFx(() -> view.root().lookupAll("." + Styles.ROLE_CHIP).stream()
                .map(n -> ((Label) n).getText()).collect(Collectors.toSet()));
        assertThat(roleTexts).contains("LEADER", "SYNC STANDBY", "REPLICA");
        assertThat(stripe(card("pg-orders-1"))).isEqualTo(LIGHT_LEADER);
    }

    @Test
    void placesTheCascadingReplicaUnderItsUpstream() {
        show(EU, "billing-prod");
        MemberCard upstream = card("pg-bill-c");
        MemberCard cascade = card("pg-bill-d");
        MemberCard leader = card("pg-bill-a");
        double upstreamBottom = onFx(() -> upstream.getBoundsInParent().getMaxY());
        double cascadeTop = onFx(() -> cascade.getBoundsInParent().getMinY());
        double leaderBottom = onFx(() -> leader.getBoundsInParent().getMaxY());
        assertThat(cascadeTop).isGreaterThan(upstreamBottom);
        assertThat(onFx(() -> upstream.getBoundsInParent().getMinY())).isGreaterThan(leaderBottom);
        assertThat(onFx(() -> cascade.getBoundsInParent().getCenterX()))
                .isEqualTo(onFx(() -> upstream.getBoundsInParent().getCenterX()));
    }

    @Test
    void scrollsAWideClusterSoItsLeaderIsInView() {
        show(EU, "inventory-prod");
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Bounds leader = onFx(() -> card("inv-01").localToScene(card("inv-01").getLayoutBounds()));
        javafx.geometry.Bounds viewport = onFx(() -> {
            Node scroll = view.root().lookup("." + Styles.TOPOLOGY_SCROLL);
            return scroll.localToScene(scroll.getLayoutBounds());
        });
        assertThat(onFx(() -> card("inv-01").getParent().getLayoutBounds().getWidth()))
                .as("the nine-member tree is wider than the window").isGreaterThan(viewport.getWidth());
        assertThat(viewport.contains(leader)).as("leader %s inside viewport %s", leader, viewport).isTrue();
        assertThat(cards()).hasSize(9);
        // Keyboard focus moving to a card outside the viewport scrolls it into sight.
        onFx(() -> card("inv-09").requestFocus());
        javafx.geometry.Bounds deep = onFx(() -> card("inv-09").localToScene(card("inv-09").getLayoutBounds()));
        assertThat(viewport.contains(deep)).as("focused card %s inside viewport %s", deep, viewport).isTrue();
    }

    @Test
    void followsALeaderChangeFromTheFeedOnTheNextFrames() {
        show(EU, "orders-prod");
        ClusterSnapshot before = SampleEstates.ordersProd();
        List<Member> swapped = before.members().stream().map(m -> switch (m.name()) {
            case "pg-orders-1" -> m.toBuilder().role(MemberRole.REPLICA).syncState("sync").build();
            case "pg-orders-2" -> m.toBuilder().role(MemberRole.LEADER).syncState(null).build();
            default -> m;
        }).toList();
        // Written from this (non-FX) thread, as an I/O thread would; no refreshNow: the frame timer applies it.
        estate.put(SampleEstates.cluster(EU, "orders-prod", "pg-orders-2", false, null, swapped,
                SampleEstates.allLive()));
        waitUntil(() -> view.topologyView().card("pg-orders-2").getPseudoClassStates().contains(Styles.LEADER));
        assertThat(has(card("pg-orders-1"), Styles.LEADER)).isFalse();
        assertThat(has(card("pg-orders-1"), Styles.REPLICA)).isTrue();
        double newLeaderY = onFx(() -> card("pg-orders-2").getBoundsInParent().getMinY());
        double oldLeaderY = onFx(() -> card("pg-orders-1").getBoundsInParent().getMinY());
        assertThat(newLeaderY).isLessThan(oldLeaderY);
    }

    @Test
    void greysAStaleMemberAndBadgesItWithItsAge() {
        show(EU, "billing-prod");
        MemberCard stale = card("pg-bill-e");
        assertThat(has(stale, Styles.STALE)).isTrue();
        String badge = onFx(() -> ((Label) stale.lookup("." + Styles.STALE_BADGE)).getText());
        assertThat(badge).isEqualTo("STALE — last seen 12 s ago");
        assertThat(stripe(stale)).isEqualTo(LIGHT_STALE);
        assertThat(onFx(() -> stale.lookup("." + Styles.STALE_BADGE).isVisible())).isTrue();
        assertThat(onFx(() -> card("pg-bill-c").lookup("." + Styles.STALE_BADGE).isVisible())).isFalse();
    }

    @Test
    void aFrozenFeedShowsTheStaleBannerAndNeverTheHealthyColours() {
        show(DC2, "reporting");
        Label message = bannerMessage("banner-stale-data");
        assertThat(message).isNotNull();
        assertThat(onFx(message::getText)).contains("etcd lost 14 s ago (connection refused)");
        // The leader of a frozen cluster is drawn in the stale colour, not the leader colour.
        assertThat(stripe(card("rep-1"))).isEqualTo(LIGHT_STALE);
        Node dot = onFx(() -> view.root().lookup("." + Styles.STATUS_BAR + " ." + Styles.DOT));
        assertThat(has(dot, Styles.OK)).isFalse();
        assertThat(has(dot, Styles.DANGER)).isTrue();
    }

    @Test
    void showsTheMaintenanceAndSwitchoverBannersForAPausedCluster() {
        show(EU, "billing-prod");
        assertThat(onFx(() -> bannerMessage("banner-paused").getText())).contains("will not fail over automatically");
        assertThat(onFx(() -> bannerMessage("banner-scheduled-switchover").getText())).contains("to pg-bill-b");
        assertThat(bannerMessage("banner-no-leader")).isNull();
    }

    @Test
    void showsARedNoLeaderBannerAndAnEmptyLeaderSlot() {
        show(STAGING, "analytics-stg");
        Node banner = onFx(() -> view.root().lookup("#banner-no-leader"));
        assertThat(banner).isNotNull();
        assertThat(has(banner, Styles.DANGER)).isTrue();
        assertThat(onFx(() -> view.root().lookup("." + Styles.NO_LEADER_PLACEHOLDER).isVisible())).isTrue();
    }

    @Test
    void clickingACardShowsThatMemberInTheDetailsPane(FxRobot robot) {
        show(EU, "orders-prod");
        robot.clickOn(card("pg-orders-3"));
        waitUntil(() -> view.viewModel().topology().selectedMemberProperty().get() != null);
        Set<String> texts = detailTexts();
        assertThat(texts).contains("pg-orders-3", "10.20.2.13:5432", MemberDetailsKeys.PATRONI_LAG, "768.0 KiB",
                "912.0 KiB", "0.4 s", "16.4", "4.0.4", "pg-orders-1 (leader)");
        assertThat(has(card("pg-orders-3"), Styles.SELECTED)).isTrue();
        assertThat(has(card("pg-orders-1"), Styles.SELECTED)).isFalse();
    }

    @Test
    void arrowKeysMoveBetweenCardsAndEnterSelects(FxRobot robot) {
        show(EU, "billing-prod");
        onFx(() -> card("pg-bill-a").requestFocus());
        robot.type(KeyCode.DOWN);
        String focused = onFx(() -> ((MemberCard) stage.getScene().getFocusOwner()).getMember().name());
        assertThat(focused).isIn("pg-bill-b", "pg-bill-c", "pg-bill-e");
        robot.type(KeyCode.TAB);
        String tabbed = onFx(() -> stage.getScene().getFocusOwner() instanceof MemberCard c ? c.getMember().name()
                : null);
        assertThat(tabbed).as("Tab moves to another card").isNotNull().isNotEqualTo(focused);
        onFx(() -> card("pg-bill-c").requestFocus());
        robot.type(KeyCode.DOWN);
        robot.type(KeyCode.ENTER);
        assertThat(onFx(() -> view.viewModel().topology().selectedMemberNameProperty().get())).isEqualTo("pg-bill-d");
        assertThat(detailTexts()).contains("pg-bill-d", "pg-bill-c");
    }

    @Test
    void selectingAClusterInTheTreeShowsItsTopology(FxRobot robot) {
        Node row = onFx(() -> view.root().lookupAll(".tree-cell").stream()
                .filter(n -> n.lookupAll(".label").stream()
                        .anyMatch(l -> "analytics-stg".equals(((Label) l).getText())))
                .findFirst().orElseThrow());
        robot.clickOn(row);
        waitUntil(() -> new ClusterKey(STAGING, "analytics-stg")
                .equals(view.viewModel().selectedClusterProperty().get()));
        assertThat(cards()).extracting(c -> c.getMember().name()).containsExactlyInAnyOrder("an-1", "an-2");
        // Keyboard: up passes the "etcd-staging" source row (which selects nothing) to the cluster above it.
        robot.type(KeyCode.UP, 2);
        waitUntil(() -> new ClusterKey(EU, "orders-prod").equals(view.viewModel().selectedClusterProperty().get()));
    }

    @Test
    void showsTheWorkspaceNameAndAReadOnlyChip() {
        Set<String> header = onFx(() -> view.root().lookupAll("." + Styles.HEADER + " .label").stream()
                .filter(Node::isVisible).map(n -> ((Label) n).getText()).collect(Collectors.toSet()));
        assertThat(header).contains("Production EU", "READ-ONLY");
    }

    @Test
    void theThemeToggleSwitchesTheSceneToDark(FxRobot robot) {
        robot.clickOn("." + Styles.THEME_TOGGLE);
        assertThat(onFx(() -> Theme.of(stage.getScene()))).isEqualTo(Theme.DARK);
        assertThat(onFx(() -> stage.getScene().getStylesheets())).contains(Theme.DARK.stylesheets().get(0))
                .doesNotContain(Theme.LIGHT.stylesheets().get(0));
        assertThat(onFx(() -> view.themeProperty().get())).isEqualTo(Theme.DARK);
    }

    @Test
    void memberFreshnessChangeUpdatesTheExistingCard() {
        show(EU, "orders-prod");
        MemberCard before = card("pg-orders-3");
        ClusterSnapshot c = SampleEstates.ordersProd();
        List<Member> members = c.members().stream().map(m -> m.name().equals("pg-orders-3")
                ? m.toBuilder().freshness(Freshness.UNREACHABLE).build() : m).toList();
        estate.put(SampleEstates.cluster(EU, "orders-prod", "pg-orders-1", false, null, members, c.sources()));
        onFx(view::refreshNow);
        assertThat(card("pg-orders-3")).isSameAs(before);
        assertThat(has(before, Styles.UNREACHABLE)).isTrue();
    }

    @Test
    void afterDisposeTheFeedNoLongerReachesTheView() {
        show(EU, "orders-prod");
        onFx(view::dispose);
        estate.remove(EU, "orders-prod");
        estate.remove(EU, "billing-prod");
        // Give a stopped timer ample frames to (wrongly) apply the removal.
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents(30);
        assertThat(cards()).hasSize(3);
        assertThat(onFx(() -> view.viewModel().selectedClusterProperty().get()))
                .isEqualTo(new ClusterKey(EU, "orders-prod"));
    }

    private Set<String> detailTexts() {
        return onFx(() -> view.root().lookupAll("." + Styles.DETAILS + " .label").stream()
                .map(n -> ((Label) n).getText()).collect(Collectors.toSet()));
    }

    /** Keeps the test readable where it names a row of the details pane. */
    private static final class MemberDetailsKeys {
        static final String PATRONI_LAG = io.pilothouse.views.details.MemberDetails.PATRONI_LAG;
    }
}
