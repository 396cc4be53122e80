package io.pilothouse.services.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlIdentifiersTest {

    @Test
    void quotesAlwaysAndDoublesEmbeddedQuotes() {
        assertThat(SqlIdentifiers.quote("app")).isEqualTo("\"app\"");
        assertThat(SqlIdentifiers.quote("Mixed Case")).isEqualTo("\"Mixed Case\"");
        assertThat(SqlIdentifiers.quote("a\"; DROP ROLE x; --")).isEqualTo("\"a\"\"; DROP ROLE x; --\"");
        assertThat(SqlIdentifiers.quote("rôle")).isEqualTo("\"rôle\"");
    }

    @Test
    void refusesWhatPostgresWouldRejectOrTruncate() {
        assertThatThrownBy(() -> SqlIdentifiers.quote("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SqlIdentifiers.quote("a\0b")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> SqlIdentifiers.quote("x".repeat(64))).hasMessageContaining("63 bytes");
        assertThat(SqlIdentifiers.quote("x".repeat(63))).hasSize(65);
    }
}
