package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionQueryTest {

    @Test
    void theDocumentedExampleIsValid() {
        assertThat(DecisionQuery.problem(DecisionQuery.EXAMPLE)).isEmpty();
        assertThat(DecisionQuery.problem("  select committed, decided_at from app.tx_decisions "
                + "where global_id = $1::uuid;  -- one row at most\n")).isEmpty();
    }

    @Test
    void aQueryWithoutDollarOneIsRefused() {
        assertThat(DecisionQuery.problem("SELECT committed FROM tx_decisions WHERE global_id = 'x'"))
                .get().asString().startsWith("has no parameter $1");
    }

    @Test
    void dollarOneTwiceIsRefused() {
        assertThat(DecisionQuery.problem("SELECT committed FROM d WHERE a = $1 OR b = $1"))
                .get().asString().startsWith("uses $1 2 times");
    }

    @Test
    void anotherParameterIsRefused() {
        assertThat(DecisionQuery.problem("SELECT committed FROM d WHERE a = $1 AND b = $2"))
                .get().asString().contains("$2");
    }

    @Test
    void onlyASelectIsAccepted() {
        assertThat(DecisionQuery.problem("DELETE FROM tx_decisions WHERE global_id = $1"))
                .get().asString().contains("must be a single SELECT").contains("'DELETE'");
        assertThat(DecisionQuery.problem("WITH d AS (DELETE FROM t RETURNING true) SELECT * FROM d WHERE $1 = ''"))
                .get().asString().contains("'WITH'");
    }

    @Test
    void twoStatementsAreRefused() {
        assertThat(DecisionQuery.problem("SELECT committed FROM d WHERE g = $1; DROP TABLE d"))
                .get().asString().contains("more than one statement");
    }

    @Test
    void dollarOneAndSemicolonsInsideLiteralsAndCommentsDoNotCount() {
        assertThat(DecisionQuery.problem("SELECT committed FROM d WHERE g = $1 AND note <> '$1; x' "
                + "/* $1; */ AND tag <> $q$;$1$q$ AND \"we;ird\" IS NOT NULL")).isEmpty();
    }

    @Test
    void anUnclosedLiteralIsReportedWithItsPosition() {
        assertThat(DecisionQuery.problem("SELECT committed FROM d WHERE g = $1 AND n = 'x"))
                .get().asString().contains("string literal opened at character 46 is never closed");
    }

    @Test
    void toJdbcTurnsDollarOneIntoAPlaceholderAndEscapesQuestionMarks() {
        assertThat(DecisionQuery.toJdbc("SELECT committed FROM d WHERE g = $1 AND tags ? 'a' AND n <> '$1?';"))
                .isEqualTo("SELECT committed FROM d WHERE g = ? AND tags ?? 'a' AND n <> '$1?'");
    }
}
