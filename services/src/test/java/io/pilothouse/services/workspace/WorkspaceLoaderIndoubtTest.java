package io.pilothouse.services.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The optional top-level {@code indoubt:} key of a workspace file. */
class WorkspaceLoaderIndoubtTest {

    private static final String SOURCES = """
            name: w
            sources:
              - name: billing
                patroni: ["http://127.0.0.1:8008"]
            """;

    @TempDir
    Path dir;

    private final WorkspaceLoader loader = new WorkspaceLoader();

    private Workspace load(String yaml) throws Exception {
        Path file = dir.resolve("workspace.yaml");
        Files.writeString(file, yaml);
        return loader.load(file);
    }

    private List<String> problems(String indoubt) {
        try {
            load(SOURCES + indoubt);
        } catch (WorkspaceException e) {
            return e.problems();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("loaded without a problem");
    }

    @Test
    void withoutAnIndoubtKeyEveryDefaultApplies() throws Exception {
        Workspace w = load(SOURCES);

        assertThat(w.indoubt()).isNull();
        IndoubtConfig d = w.indoubtOrDefaults();
        assertThat(d.patterns()).isEmpty();
        assertThat(d.decision()).isNull();
        assertThat(d.minAgeSecondsOrDefault()).isEqualTo(60);
    }

    @Test
    void everySettingIsRead() throws Exception {
        Workspace w = load(SOURCES + """
                indoubt:
                  patterns:
                    - name: billing
                      regex: "bill-(?<global>[0-9]+)-(?<node>.+)"
                  decision:
                    source: billing
                    database: billing
                    query: "SELECT committed FROM tx_decisions WHERE global_id = $1"
                  minAgeSeconds: 120
                """);

        IndoubtConfig i = w.indoubtOrDefaults();
        assertThat(i.patterns()).containsExactly(
                new IndoubtConfig.PatternConfig("billing", "bill-(?<global>[0-9]+)-(?<node>.+)"));
        assertThat(i.decision()).isEqualTo(new IndoubtConfig.DecisionConfig("billing", "billing",
                "SELECT committed FROM tx_decisions WHERE global_id = $1"));
        assertThat(i.minAgeSecondsOrDefault()).isEqualTo(120);
    }

    @Test
    void aWorkspaceWithIndoubtSettingsSavesAndLoadsBack() throws Exception {
        Workspace w = load(SOURCES + """
                indoubt:
                  patterns: [{name: p, regex: "(?<global>.+)@(?<node>.+)"}]
                  minAgeSeconds: 30
                """);
        Path copy = dir.resolve("copy.yaml");

        loader.save(w, copy);

        assertThat(loader.load(copy)).isEqualTo(w);
    }

    @Test
    void theOlderConstructorsStillWork() {
        Workspace w = Workspace.builder("w").alerts(AlertsConfig.DEFAULTS).build();
        assertThat(w.indoubt()).isNull();
        assertThat(Workspace.builder("w").build().indoubtOrDefaults()).isEqualTo(IndoubtConfig.DEFAULTS);
    }

    @Test
    void aBadRegexSaysWhatAndWhereInWords() {
        assertThat(problems("""
                indoubt:
                  patterns:
                    - name: broken
                      regex: "(?<global>[0-9+"
                """)).singleElement().asString()
                .startsWith("indoubt.patterns[0] \"broken\", field regex is not a valid regular expression: ")
                .contains("at character ")
                .contains("Java regex syntax");
    }

    @Test
    void aRegexWithoutAGlobalGroupIsRefused() {
        assertThat(problems("""
                indoubt:
                  patterns:
                    - name: nogroup
                      regex: "(.+)_(.+)"
                """)).singleElement().asString().contains("has no named group `global`");
    }

    @Test
    void patternsNeedUniqueNamesAndARegex() {
        assertThat(problems("""
                indoubt:
                  patterns:
                    - name: p
                      regex: "(?<global>.+)"
                    - name: P
                      regex: "(?<global>.+)"
                    - regex: "(?<global>.+)"
                    - name: q
                """)).containsExactly(
                "indoubt.patterns[1] \"P\", field name is already used by another pattern; give each pattern a "
                        + "unique name",
                "indoubt.patterns[2] has no name; add `name: <something>`: the console shows which pattern matched "
                        + "each gid",
                "indoubt.patterns[3] \"q\", field regex is missing; give a regular expression with a named group "
                        + "`global`, e.g. \"(?<global>.+)_(?<node>[a-z0-9-]+)\"");
    }

    @Test
    void aDecisionSourceThatIsNotInTheWorkspaceIsRefused() {
        assertThat(problems("""
                indoubt:
                  decision:
                    source: Billing
                    query: "SELECT committed FROM tx_decisions WHERE global_id = $1"
                """)).singleElement().asString()
                .isEqualTo("indoubt.decision.source 'Billing' is not a source of this workspace (did you mean "
                        + "'billing'? names are case-sensitive); use one of: billing");
    }

    @Test
    void aDecisionQueryWithoutDollarOneIsRefused() {
        assertThat(problems("""
                indoubt:
                  decision:
                    source: billing
                    query: "SELECT committed FROM tx_decisions"
                """)).singleElement().asString().startsWith("indoubt.decision.query has no parameter $1");
    }

    @Test
    void aDecisionQueryThatIsNotASingleSelectIsRefused() {
        assertThat(problems("""
                indoubt:
                  decision:
                    source: billing
                    query: "UPDATE tx_decisions SET seen = true WHERE global_id = $1"
                """)).singleElement().asString().startsWith("indoubt.decision.query must be a single SELECT");
        assertThat(problems("""
                indoubt:
                  decision:
                    source: billing
                    query: "SELECT committed FROM d WHERE g = $1; SELECT 1"
                """)).singleElement().asString().contains("more than one statement");
    }

    @Test
    void aDecisionWithoutSourceOrQueryIsRefused() {
        assertThat(problems("""
                indoubt:
                  decision:
                    database: billing
                """)).containsExactly(
                "indoubt.decision.source is missing; name the workspace source whose primary holds the decision "
                        + "table, one of: billing",
                "indoubt.decision.query is missing; give a SELECT with one parameter $1 (the global transaction id) "
                        + "that returns one boolean column, e.g. " + DecisionQuery.EXAMPLE);
    }

    @Test
    void thresholdsOutOfRangeAreRefused() {
        assertThat(problems("""
                indoubt:
                  minAgeSeconds: -1
                """)).containsExactly(
                "indoubt.minAgeSeconds is -1; it must be 0 or more seconds (leave it out for the default)");
    }

    @Test
    void aMisspelledKeyUnderIndoubtIsRejectedWithTheAllowedKeys() {
        assertThatThrownBy(() -> load(SOURCES + "indoubt:\n  minAge: 10\n"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("unknown key 'minAge'")
                .hasMessageContaining("minAgeSeconds");
    }

    @Test
    void aMisspelledKeyUnderDecisionIsRejected() {
        assertThatThrownBy(() -> load(SOURCES + "indoubt:\n  decision:\n    sql: SELECT 1\n"))
                .isInstanceOf(WorkspaceException.class)
                .hasMessageContaining("unknown key 'sql'")
                .hasMessageContaining("query");
    }
}
