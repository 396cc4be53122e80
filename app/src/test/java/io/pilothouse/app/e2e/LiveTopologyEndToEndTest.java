package io.pilothouse.app.e2e;

import io.pilothouse.app.wiring.LiveSession;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.sandbox.OwnSandbox;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.testing.Closing;
import io.pilothouse.styles.Theme;
import io.pilothouse.views.main.MainView;
import io.pilothouse.views.topology.MemberCard;
import javafx.scene.Scene;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole stack: a real Patroni switchover on a sandbox appears on screen, the new leader's card on top. */
@ExtendWith(ApplicationExtension.class)
@Tag("servers")
class LiveTopologyEndToEndTest {

    private static OwnSandbox own;
    private static SandboxInfo sandbox;
    private static LiveSession session;
    private static String source;
    private MainView view;

    @BeforeAll
    static void startSandbox() throws Exception {
        // Its own two-member sandbox: a switchover must not disturb tests reading the shared one.
        own = OwnSandbox.start("pilothouse-e2e-", s -> s.withMembers(2).withScope("e2e"));
        sandbox = own.info();
        source = own.sourceName();
        session = SettledSession.start(own.workspace());
    }

    @AfterAll
    static void stopSandbox() {
        Closing.inOrder(session, own);
    }

    @Start
    void start(Stage stage) {
        view = MainView.builder(session.feed()).build();
        Scene scene = new Scene(new Region(), 1400, 900);
        Theme.LIGHT.applyTo(scene);
        scene.setRoot(view.root());
        stage.setScene(scene);
        stage.show();
        view.selectCluster(source, sandbox.scope());
    }

    private MemberRole roleOnScreen(String member) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            MemberCard card = view.topologyView().card(member);
            return card == null ? null : card.getMember().role();
        }).get(5, TimeUnit.SECONDS);
    }

    @Test
    void realSwitchoverAppearsOnScreen() throws Exception {
        ClusterSnapshot before = session.feed().latest().cluster(source, sandbox.scope()).orElseThrow();
        String leader = before.leader();
        String candidate = before.members().stream().map(m -> m.name()).filter(n -> !n.equals(leader)).findFirst()
                .orElseThrow();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> roleOnScreen(leader) == MemberRole.LEADER);
        assertThat(roleOnScreen(candidate)).isEqualTo(MemberRole.REPLICA);

        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sandbox.requireMember(leader).restUrl() + "/switchover"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"leader\":\"" + leader + "\",\"candidate\":\""
                        + candidate + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> roleOnScreen(candidate) == MemberRole.LEADER);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> roleOnScreen(leader) == MemberRole.REPLICA);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> {
            Integer tl = session.feed().latest().cluster(source, sandbox.scope()).orElseThrow().timeline();
            return tl != null && tl > before.timeline();
        });
    }
}
