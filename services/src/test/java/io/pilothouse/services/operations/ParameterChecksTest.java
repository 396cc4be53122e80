package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configuration changes checked against pg_settings rows recorded from a PostgreSQL 15 leader of the sandbox
 * ({@code SELECT name, setting, unit, vartype, context, min_val, max_val, enumvals, pending_restart FROM pg_settings}).
 */
class ParameterChecksTest {

    static final PgSettingsCatalog PG15 = PgSettingsCatalog.of("node1", List.of(
            new PgSetting("shared_buffers", "16384", "8kB", "integer", "postmaster", "16", "1073741823", null, false),
            new PgSetting("work_mem", "4096", "kB", "integer", "user", "64", "2147483647", null, false),
            new PgSetting("wal_level", "logical", null, "enum", "postmaster", null, null,
                    List.of("minimal", "replica", "logical"), false),
            new PgSetting("synchronous_commit", "on", null, "enum", "user", null, null,
                    List.of("local", "remote_write", "remote_apply", "on", "off"), false),
            new PgSetting("hot_standby_feedback", "off", null, "bool", "sighup", null, null, null, false),
            new PgSetting("checkpoint_timeout", "300", "s", "integer", "sighup", "30", "86400", null, false),
            new PgSetting("max_connections", "100", null, "integer", "postmaster", "1", "262143", null, true),
            new PgSetting("block_size", "8192", null, "integer", "internal", "8192", "8192", null, false),
            new PgSetting("random_page_cost", "4", null, "real", "user", "0", "1.79769e+308", null, false),
            new PgSetting("application_name", "", null, "string", "user", null, null, null, false)));

    private static List<String> problems(String... assignments) {
        return ParameterChecks.problems(ConfigAssignments.parse(List.of(assignments)), PG15);
    }

    @Test
    void aMisspelledParameterIsRefusedWithTheNearestKnownName() {
        assertThat(problems("postgresql.parameters.shared_bufers=1GB")).singleElement().asString()
                .contains("shared_bufers is not a parameter of the leader node1")
                .endsWith("did you mean shared_buffers?");
        assertThat(problems("postgresql.parameters.no_such_thing_at_all=1")).singleElement().asString()
                .endsWith("look the name up in pg_settings");
    }

    @Test
    void aParameterWrittenAsATopLevelKeyIsRefusedWithItsPath() {
        assertThat(problems("shared_bufers=1GB")).singleElement().asString()
                .isEqualTo("shared_bufers is not a key of Patroni's configuration nor a PostgreSQL parameter; "
                        + "did you mean postgresql.parameters.shared_buffers?");
        assertThat(problems("work_mem=16MB")).singleElement().asString()
                .contains("write postgresql.parameters.work_mem=VALUE");
        assertThat(problems("loop_wiat=5")).singleElement().asString().endsWith("did you mean loop_wait?");
        assertThat(problems("loop_wait=5", "standby_cluster.host=x", "postgresql.use_pg_rewind=true")).isEmpty();
    }

    @Test
    void valuesAreCheckedByTypeRangeUnitAndAllowedValues() {
        assertThat(problems("postgresql.parameters.shared_buffers=1GB", "postgresql.parameters.work_mem=16MB",
                "postgresql.parameters.checkpoint_timeout=5min", "postgresql.parameters.wal_level=Logical",
                "postgresql.parameters.hot_standby_feedback=on", "postgresql.parameters.random_page_cost=1.1",
                "postgresql.parameters.application_name=anything", "postgresql.parameters.max_connections=200",
                "postgresql.parameters.pg_stat_statements.track=all", "postgresql.parameters.work_mem=null"))
                .isEmpty();
        assertThat(problems("postgresql.parameters.shared_buffers=64kB")).singleElement().asString()
                .contains("out of range: shared_buffers is between 128kB and");
        assertThat(problems("postgresql.parameters.checkpoint_timeout=2d")).singleElement().asString()
                .contains("out of range: checkpoint_timeout is between 30s and 1d");
        assertThat(problems("postgresql.parameters.work_mem=16mb")).singleElement().asString()
                .contains("'mb' is not a unit of work_mem").contains("case-sensitive");
        assertThat(problems("postgresql.parameters.work_mem=5s")).singleElement().asString()
                .contains("'s' is not a unit of work_mem");
        assertThat(problems("postgresql.parameters.max_connections=lots")).singleElement().asString()
                .contains("max_connections takes a number");
        assertThat(problems("postgresql.parameters.max_connections=10MB")).singleElement().asString()
                .contains("takes a plain number without a unit");
        assertThat(problems("postgresql.parameters.wal_level=archive")).singleElement().asString()
                .contains("wal_level is one of minimal, replica, logical, not 'archive'");
        assertThat(problems("postgresql.parameters.hot_standby_feedback=maybe")).singleElement().asString()
                .contains("is on or off");
        assertThat(problems("postgresql.parameters.block_size=16384")).singleElement().asString()
                .contains("cannot be changed");
    }

    @Test
    void effectsSayWhatIsInEffectAndWhichChangesNeedARestart() {
        Map<String, JsonNode> changes = ConfigAssignments.parse(List.of("postgresql.parameters.shared_buffers=1GB",
                "postgresql.parameters.work_mem=16MB", "postgresql.parameters.max_connections=200", "loop_wait=5"));
        List<String> effects = ParameterChecks.effects(changes, PG15);
        assertThat(effects).hasSize(3);
        assertThat(effects.get(0)).contains("shared_buffers").contains("in effect on node1: 128MB")
                .contains("needs a restart");
        assertThat(effects.get(1)).contains("work_mem").contains("4MB").contains("on reload");
        assertThat(effects.get(2)).contains("max_connections").contains("100")
                .contains("needs a restart (a restart is already pending)");
        assertThat(ParameterChecks.needsCatalog(ConfigAssignments.parse(List.of("loop_wait=5")))).isFalse();
        assertThat(ParameterChecks.needsCatalog(ConfigAssignments.parse(List.of("shared_bufers=1GB")))).isTrue();
    }

    @Test
    void unitsConvertToTheSettingsOwnUnitAndBack() {
        assertThat(SettingUnits.inUnit("1GB", "8kB", "shared_buffers")).isEqualTo(131072);
        assertThat(SettingUnits.inUnit("250ms", "s", "checkpoint_timeout")).isEqualTo(0.25);
        assertThat(SettingUnits.readable("16384", "8kB")).isEqualTo("128MB");
        assertThat(SettingUnits.readable("300", "s")).isEqualTo("5min");
        assertThat(SettingUnits.readable("-1", "kB")).isEqualTo("-1");
        assertThat(Nearest.distance("shared_bufers", "shared_buffers")).isEqualTo(1);
    }
}
