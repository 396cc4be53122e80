package io.pilothouse.services.postgres;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlLiteralsTest {

    @Test
    void doublesSingleQuotesAndWrapsInQuotes() {
        assertThat(SqlLiterals.quote("abc")).isEqualTo("'abc'");
        assertThat(SqlLiterals.quote("it's")).isEqualTo("'it''s'");
        assertThat(SqlLiterals.quote("")).isEqualTo("''");
        assertThat(SqlLiterals.quote("a\\b")).as("backslashes are plain with standard_conforming_strings")
                .isEqualTo("'a\\b'");
    }

    @Test
    void refusesNul() {
        assertThatThrownBy(() -> SqlLiterals.quote("a\0b")).isInstanceOf(IllegalArgumentException.class);
    }
}
