package io.pilothouse.services.consistency;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Dynamic configuration values against pg_settings rows as PostgreSQL 15 prints them. */
class SettingValuesTest {

    @Test
    void sizesCompareInBytesWhateverTheUnit() {
        assertThat(SettingValues.same("128MB", new NodeSetting("wal_keep_size", "128", "MB", false))).isTrue();
        assertThat(SettingValues.same("64MB", new NodeSetting("wal_keep_size", "128", "MB", false))).isFalse();
        assertThat(SettingValues.same("128MB", new NodeSetting("shared_buffers", "16384", "8kB", false))).isTrue();
        assertThat(SettingValues.same("1GB", new NodeSetting("wal_keep_size", "1024", "MB", false))).isTrue();
        assertThat(SettingValues.same("'4MB'", new NodeSetting("work_mem", "4096", "kB", false))).isTrue();
        assertThat(SettingValues.same("4096", new NodeSetting("work_mem", "4096", "kB", false)))
                .as("no unit: the parameter's own").isTrue();
    }

    @Test
    void timesCompareInMicroseconds() {
        assertThat(SettingValues.same("1s", new NodeSetting("wal_retrieve_retry_interval", "1000", "ms", false)))
                .isTrue();
        assertThat(SettingValues.same("5min", new NodeSetting("checkpoint_timeout", "300", "s", false))).isTrue();
        assertThat(SettingValues.same("2s", new NodeSetting("wal_retrieve_retry_interval", "1000", "ms", false)))
                .isFalse();
    }

    @Test
    void booleansNumbersAndWords() {
        assertThat(SettingValues.same("true", new NodeSetting("hot_standby", "on", null, false))).isTrue();
        assertThat(SettingValues.same("off", new NodeSetting("hot_standby", "on", null, false))).isFalse();
        assertThat(SettingValues.same("10", new NodeSetting("max_wal_senders", "10", null, false))).isTrue();
        assertThat(SettingValues.same("20", new NodeSetting("max_prepared_transactions", "10", null, false)))
                .isFalse();
        assertThat(SettingValues.same("Logical", new NodeSetting("wal_level", "logical", null, false))).isTrue();
        assertThat(SettingValues.same("replica", new NodeSetting("wal_level", "logical", null, false))).isFalse();
    }

    @Test
    void displayShowsTheUnit() {
        assertThat(SettingValues.display(new NodeSetting("wal_keep_size", "64", "MB", false))).isEqualTo("64MB");
        assertThat(SettingValues.display(new NodeSetting("shared_buffers", "16384", "8kB", false)))
                .isEqualTo("16384 × 8kB");
    }

    @Test
    void synchronousStandbyNamesInEveryForm() {
        assertThat(SyncStandbyNames.parse("")).isEmpty();
        assertThat(SyncStandbyNames.parse("node2")).containsExactly("node2");
        assertThat(SyncStandbyNames.parse("\"node2\",\"node3\"")).containsExactly("node2", "node3");
        assertThat(SyncStandbyNames.parse("2 (node2, node3)")).containsExactly("node2", "node3");
        assertThat(SyncStandbyNames.parse("FIRST 1 (\"node2\",\"node3\")")).containsExactly("node2", "node3");
        assertThat(SyncStandbyNames.parse("ANY 2 (\"a\",\"b\",\"c\")")).containsExactly("a", "b", "c");
    }
}
