package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SandboxSpecTest {

    private static final Path DIR = Path.of("/tmp/sandbox");

    @Test
    void defaultsAreThreeMembersScopeDemoNamespaceServiceNoHaproxy() {
        SandboxSpec spec = SandboxSpec.defaults(DIR);
        assertThat(spec).isEqualTo(new SandboxSpec(DIR, 3, "demo", "/service/", false, false, 0, 1,
                PatroniRelease.PATRONI_3, SandboxSync.OFF, false));
    }

    @Test
    void withersChangeOneComponentEach() {
        SandboxSpec spec = SandboxSpec.defaults(DIR).withMembers(5).withScope("orders").withNamespace("/db/")
                .withHaproxy(true).withDir(Path.of("/var/tmp/x"));

        assertThat(spec).isEqualTo(new SandboxSpec.Builder(Path.of("/var/tmp/x")).members(5).scope("orders")
                .namespace("/db/").haproxy(true).build());
        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.memberName(0)).isEqualTo("node1");
    }

    @Test
    void rejectsValuesPatroniOrEtcdWouldMisread() {
        SandboxSpec spec = SandboxSpec.defaults(DIR);
        assertThatThrownBy(() -> spec.withMembers(0)).hasMessageContaining("members");
        assertThatThrownBy(() -> spec.withMembers(SandboxSpec.MAX_MEMBERS + 1)).hasMessageContaining("members");
        assertThatThrownBy(() -> spec.withScope("a/b")).hasMessageContaining("scope");
        assertThatThrownBy(() -> spec.withNamespace("service")).hasMessageContaining("namespace");
        assertThatThrownBy(() -> spec.withDir(null)).isInstanceOf(NullPointerException.class);
    }
}
