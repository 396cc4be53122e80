package io.pilothouse.services.indoubt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The quoting rules; {@link GidLiteralSandboxTest} checks them against a real server. */
class GidLiteralTest {

    @Test
    void plainGidIsQuotedAsIs() {
        assertThat(GidLiteral.quote("citus_0_123_4_5", true)).isEqualTo("'citus_0_123_4_5'");
        assertThat(GidLiteral.quote("citus_0_123_4_5", false)).isEqualTo("E'citus_0_123_4_5'");
    }

    @Test
    void singleQuotesAreDoubledInBothModes() {
        assertThat(GidLiteral.quote("it's", true)).isEqualTo("'it''s'");
        assertThat(GidLiteral.quote("'; DROP TABLE x; --", true)).isEqualTo("'''; DROP TABLE x; --'");
        assertThat(GidLiteral.quote("it's", false)).isEqualTo("E'it''s'");
    }

    @Test
    void backslashesAreLiteralWithStandardStringsAndEscapedWithout() {
        assertThat(GidLiteral.quote("a\\b\\'", true)).isEqualTo("'a\\b\\'''");
        assertThat(GidLiteral.quote("a\\b\\'", false)).isEqualTo("E'a\\\\b\\\\'''");
    }

    @Test
    void dollarQuotesSemicolonsCommentsAndNewlinesNeedNoEscaping() {
        String gid = "$$;--/*\n\t*/$x$";
        assertThat(GidLiteral.quote(gid, true)).isEqualTo("'" + gid + "'");
        assertThat(GidLiteral.quote(gid, false)).isEqualTo("E'" + gid + "'");
    }

    @Test
    void buildsCommitAndRollbackStatements() {
        assertThat(GidLiteral.commit("g'1", true)).isEqualTo("COMMIT PREPARED 'g''1'");
        assertThat(GidLiteral.rollback("g\\1", false)).isEqualTo("ROLLBACK PREPARED E'g\\\\1'");
    }

    @Test
    void rejectsNullEmptyAndNulWithAReason() {
        assertThatThrownBy(() -> GidLiteral.quote(null, true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> GidLiteral.quote("", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> GidLiteral.commit("a\0b", false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL").hasMessageContaining("index 1");
    }

    @Test
    void rejectsUnpairedSurrogatesButAcceptsPairs() {
        assertThat(GidLiteral.quote("x\uD83D\uDE00", true)).isEqualTo("'x\uD83D\uDE00'");
        assertThatThrownBy(() -> GidLiteral.quote("x\uD83D", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> GidLiteral.quote("\uDE00x", true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    }

    @Test
    void acceptsExactly199BytesAndRejects200CountingUtf8Bytes() {
        assertThat(GidLiteral.quote("a".repeat(199), true)).hasSize(201);
        assertThatThrownBy(() -> GidLiteral.quote("a".repeat(200), true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("199").hasMessageContaining("200 bytes");
        // 66 × 3-byte '€' = 198 bytes, plus one more byte = 199; another '€' instead would be 201.
        String euros = "€".repeat(66);
        assertThat(GidLiteral.quote(euros + "a", true)).isNotNull();
        assertThatThrownBy(() -> GidLiteral.quote(euros + "€", true)).hasMessageContaining("201 bytes");
        // A 4-byte emoji is two Java chars: 49 emoji + 3 ASCII = 199 bytes in 101 chars.
        String emoji = "\uD83D\uDE00".repeat(49) + "abc";
        assertThat(GidLiteral.quote(emoji, false)).isNotNull();
        assertThatThrownBy(() -> GidLiteral.quote(emoji + "d", false)).hasMessageContaining("200 bytes");
    }

    @Test
    void quotesInTheSizeCheckAreCountedBeforeEscaping() {
        // The limit is on the gid, not on its literal: 199 quotes make a 400-character literal and are still fine.
        assertThat(GidLiteral.quote("'".repeat(199), true)).hasSize(400);
        assertThat(GidLiteral.quote("\\".repeat(199), false)).hasSize(401);
    }

    @Test
    void readsTheSetting() {
        assertThat(GidLiteral.standardConformingStrings("on")).isTrue();
        assertThat(GidLiteral.standardConformingStrings("off")).isFalse();
        assertThatThrownBy(() -> GidLiteral.standardConformingStrings("maybe"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maybe");
    }
}
