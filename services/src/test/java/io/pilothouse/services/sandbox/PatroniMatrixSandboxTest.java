package io.pilothouse.services.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Patroni matrix pass really runs the Patroni it names: without this, a lost system property would run the
 * "Patroni 4" pass on 3.0.2 and prove nothing.
 */
@Tag("servers")
@Tag("patroni-matrix")
class PatroniMatrixSandboxTest {

    @Test
    void everyMemberRunsThePatroniThisTestJvmAskedFor() {
        SandboxInfo sandbox = SharedSandbox.get();
        String major = TestPatroni.release().major();

        for (SandboxInfo.Member m : sandbox.members()) {
            JsonNode patroni = SandboxRest.get(m.restUrl(), "/patroni").orElseThrow();
            assertThat(patroni.path("patroni").path("version").asText()).as(m.name()).startsWith(major + ".");
        }
        assertThat(sandbox.patroniRuntime()).get().satisfies(r -> assertThat(r.major()).isEqualTo(Integer.parseInt(major)));
        assertThat(new SandboxLauncher().status(sandbox.dir()).patroni()).startsWith("Patroni " + major + ".");
    }
}
