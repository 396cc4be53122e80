package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The configuration diff, assignments and validation: pure, no server. */
class ConfigDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What GET /config answered on the Patroni 3.0.2 sandbox. */
    private static JsonNode sandboxConfig() throws Exception {
        return JSON.readTree("{\"ttl\":20,\"loop_wait\":2,\"retry_timeout\":5,\"maximum_lag_on_failover\":1048576,"
                + "\"postgresql\":{\"use_pg_rewind\":true,\"parameters\":{\"work_mem\":\"4MB\",\"max_connections\":100}}}");
    }

    @Test
    void listsOnlyKeysThatReallyChangeWithBeforeAndAfter() throws Exception {
        ConfigDiff diff = ConfigDiff.of(sandboxConfig(), ConfigAssignments.parse(List.of(
                "postgresql.parameters.work_mem=16MB", "loop_wait=2", "maximum_lag_on_failover=null",
                "postgresql.parameters.pg_stat_statements.track=all", "ttl=\"20\"")));

        assertThat(diff.rows()).extracting(ConfigDiff.Row::key).containsExactly("postgresql.parameters.work_mem",
                "maximum_lag_on_failover", "postgresql.parameters.pg_stat_statements.track");
        assertThat(diff.rows().get(0).beforeText()).isEqualTo("4MB");
        assertThat(diff.rows().get(0).afterText()).isEqualTo("16MB");
        assertThat(diff.rows().get(1).afterText()).isEqualTo(ConfigDiff.UNSET);
        assertThat(diff.rows().get(2).beforeText()).isEqualTo(ConfigDiff.UNSET);
        assertThat(diff.render()).contains("KEY").contains("BEFORE").contains("AFTER")
                .containsPattern("postgresql\\.parameters\\.work_mem\\s+4MB\\s+16MB");
    }

    @Test
    void patchCarriesOnlyTheChangedKeysWithNullForRemovals() throws Exception {
        ConfigDiff diff = ConfigDiff.of(sandboxConfig(), ConfigAssignments.parse(List.of(
                "postgresql.parameters.work_mem=16MB", "loop_wait=2", "maximum_lag_on_failover=null")));

        assertThat(diff.patch().toString()).isEqualTo(
                "{\"postgresql\":{\"parameters\":{\"work_mem\":\"16MB\"}},\"maximum_lag_on_failover\":null}");
        JsonNode merged = diff.applyTo(sandboxConfig());
        assertThat(merged.has("maximum_lag_on_failover")).isFalse();
        assertThat(merged.path("postgresql").path("parameters").path("max_connections").asInt()).isEqualTo(100);
        assertThat(diff.isShownBy(merged)).isTrue();
        assertThat(diff.isShownBy(sandboxConfig())).isFalse();
    }

    @Test
    void noChangeWhenEveryValueIsAlreadySet() throws Exception {
        ConfigDiff diff = ConfigDiff.of(sandboxConfig(), Map.of("ttl", JSON.readTree("20")));

        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.render()).startsWith("No change");
        assertThat(diff.summary()).isEqualTo("no change");
    }

    @Test
    void assignmentsReadJsonValuesAndKeepOtherTextAsStrings() {
        Map<String, JsonNode> c = ConfigAssignments.parse(List.of("a=3", "b=true", "c=16MB", "d=null", "e=\"3\"",
                "f={\"type\":\"physical\"}", "g=", "h=1.5GB"));

        assertThat(c.get("a").isInt()).isTrue();
        assertThat(c.get("b").isBoolean()).isTrue();
        assertThat(c.get("c").asText()).isEqualTo("16MB");
        assertThat(c.get("d").isNull()).isTrue();
        assertThat(c.get("e").isTextual()).isTrue();
        assertThat(c.get("f").isObject()).isTrue();
        assertThat(c.get("g").asText()).isEmpty();
        assertThat(c.get("h").asText()).isEqualTo("1.5GB");
        assertThatThrownBy(() -> ConfigAssignments.parse(List.of("loop_wait"))).hasMessageContaining("KEY=VALUE");
        assertThatThrownBy(() -> ConfigAssignments.parse(List.of("a..b=1"))).hasMessageContaining("empty part");
    }

    @Test
    void rejectsTimingsThatBreakLoopWaitPlusTwiceRetryTimeoutWithinTtl() throws Exception {
        JsonNode merged = ConfigDiff.of(sandboxConfig(), ConfigAssignments.parse(List.of("loop_wait=15")))
                .applyTo(sandboxConfig());

        assertThat(ConfigValidation.problems(merged)).singleElement().asString()
                .contains("loop_wait 15 + 2 x retry_timeout 5 = 25 exceeds ttl 20")
                .contains("lower loop_wait to at most 10");
    }

    @Test
    void rejectsTtlBelowTwentyNonNumbersAndNonBooleans() throws Exception {
        JsonNode merged = ConfigDiff.of(sandboxConfig(), ConfigAssignments.parse(List.of("ttl=15", "loop_wait=1",
                "retry_timeout=2", "maximum_lag_on_failover=lots", "synchronous_mode=\"false\"", "check_timeline=yes",
                "primary_start_timeout=2.5"))).applyTo(sandboxConfig());

        assertThat(ConfigValidation.problems(merged)).anyMatch(p -> p.startsWith("ttl 15 is below"))
                .anyMatch(p -> p.startsWith("retry_timeout 2 is below"))
                .anyMatch(p -> p.startsWith("maximum_lag_on_failover must be a whole number"))
                .anyMatch(p -> p.startsWith("primary_start_timeout must be a whole number"))
                .anyMatch(p -> p.startsWith("synchronous_mode must be true or false"))
                .anyMatch(p -> p.startsWith("check_timeline must be true or false"));
    }

    @Test
    void acceptsTheSandboxConfigurationAndNumbersWrittenAsText() throws Exception {
        assertThat(ConfigValidation.problems(sandboxConfig())).isEmpty();
        JsonNode merged = ConfigDiff.of(sandboxConfig(), ConfigAssignments.parse(List.of("ttl=\"30\"",
                "loop_wait=10", "pause=true"))).applyTo(sandboxConfig());
        assertThat(ConfigValidation.problems(merged)).isEmpty();
    }

    @Test
    void restartRoleFilterUsesMasterForPatroniThree() {
        var m3 = io.pilothouse.services.model.Member.builder("n").patroniVersion("3.0.2").build();
        var m4 = io.pilothouse.services.model.Member.builder("n").patroniVersion("4.0.4").build();

        assertThat(PatroniOperations.roleName(RestartOptions.Role.PRIMARY, m3)).isEqualTo("master");
        assertThat(PatroniOperations.roleName(RestartOptions.Role.PRIMARY, m4)).isEqualTo("primary");
        assertThat(PatroniOperations.roleName(RestartOptions.Role.REPLICA, m3)).isEqualTo("replica");
    }
}
