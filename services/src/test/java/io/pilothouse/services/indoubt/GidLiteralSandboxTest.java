package io.pilothouse.services.indoubt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pilothouse.services.model.PreparedBranch;
import io.pilothouse.services.sandbox.SandboxConnections;
import io.pilothouse.services.sandbox.SandboxInfo;
import io.pilothouse.services.sandbox.SharedSandbox;
import io.pilothouse.services.testing.Closing;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** GidLiteral against the real server: fuzzed round trips and hostile gids really prepared and resolved. */
@Tag("servers")
class GidLiteralSandboxTest {

    private static final int FUZZ_COUNT = 2500;
    private static final String[] PIECES = {"'", "''", "\\", "\\'", "\\\\", "$$", "$a$", "$", ";", "--", "/*", "*/",
        "\n", "\r\n", "\t", " ", "\"", "E'", "U&'", "{fn now()}", "{", "}", "?", ":x", "%s", "`", "\b", "\f",
        "\u0001", "\u007f", "; DROP TABLE x; --", "'); SELECT 1; --", "é", "€", "漢字", "e\u0301", "a\u0308\u0323",
        "\u200b", "\u202e", "\ufeff", "\uD83D\uDE00", "\uD83D\uDC4D\uD83C\uDFFD", "\uD835\uDD18", "\uD83C\uDDE9\uD83C\uDDEA",
        "\uDBFF\uDFFF", "x", "Q", "7"};

    private static SandboxInfo sandbox;
    private static String leader;

    @BeforeAll
    static void up() {
        sandbox = SharedSandbox.get();
        leader = TwoPhase.leader(sandbox);
    }

    @Test
    void fuzzedGidsRoundTripExactlyWithStandardStringsOnAndOff() throws Exception {
        long seed = Long.getLong("gid.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> gids = new ArrayList<>();
        for (int i = 0; i < FUZZ_COUNT; i++) {
            gids.add(randomGid(random));
        }
        assertThat(gids.stream().mapToInt(GidLiteralSandboxTest::bytes).max().orElse(0))
                .as("seed %d reaches the byte limit", seed).isEqualTo(GidLiteral.MAX_BYTES);
        try (Connection c = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "postgres")) {
            List<String> failures = new ArrayList<>();
            for (boolean standard : new boolean[] {true, false}) {
                try (Statement set = c.createStatement()) {
                    set.execute("SET standard_conforming_strings = " + (standard ? "on" : "off"));
                }
                assertThat(TwoPhase.standard(c)).isEqualTo(standard);
                for (int i = 0; i < gids.size(); i++) {
                    String gid = gids.get(i);
                    // Both ways the driver may send it: as the resolver does (no escape processing) and by default.
                    for (boolean escapes : new boolean[] {false, true}) {
                        String got = roundTrip(c, GidLiteral.quote(gid, standard), escapes);
                        if (!gid.equals(got) && failures.size() < 10) {
                            failures.add("#" + i + " scs=" + standard + " escapes=" + escapes + ": "
                                    + visible(gid) + " came back as " + visible(got));
                        }
                    }
                }
            }
            assertThat(failures).as("round-trip failures; rerun with -Dgid.fuzz.seed=%d", seed).isEmpty();
        } catch (SQLException | RuntimeException e) {
            throw new AssertionError("fuzz failed with seed " + seed + " (rerun with -Dgid.fuzz.seed=" + seed + ")", e);
        }
    }

    @Test
    void hostileGidsArePreparedListedAndResolvedAndNothingElseRuns() throws Exception {
        String tag = TwoPhase.tag();
        String canary = "indoubt_canary_" + tag;
        String marks = "indoubt_marks_" + tag;
        String drop = "; DROP TABLE " + canary + "; --";
        List<String> gids = new ArrayList<>(List.of(
                "it's " + tag,
                tag + " \\'" + drop,
                "$$" + tag + "$$" + drop,
                "')" + drop + " " + tag,
                "E'\\\\" + tag + "\\",
                "'" + tag + "'; COMMIT PREPARED 'x'; --",
                "ünï¢ødé 漢字 \uD83D\uDE00 e\u0301 " + tag,
                "/* " + tag + "\n\t*/ -- \r\n{fn user()} ?"));
        gids.add(fill(tag + "'\\$$;", "'\\\uD83D\uDE00;", GidLiteral.MAX_BYTES));
        assertThat(bytes(gids.get(gids.size() - 1))).isEqualTo(199);
        String tooLong = fill(tag, "'", 200);
        assertThatThrownBy(() -> GidLiteral.quote(tooLong, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("200 bytes");

        Connection su = SandboxConnections.connect(sandbox, leader, sandbox.superuser(), "postgres");
        Connection off = null;
        try {
            try (Statement st = su.createStatement()) {
                st.execute("CREATE TABLE " + canary + " (id int PRIMARY KEY, v text)");
                st.execute("INSERT INTO " + canary + " VALUES (1, 'intact')");
                st.execute("CREATE TABLE " + marks + " (gid text PRIMARY KEY)");
            }
            SandboxInfo.Member m = sandbox.requireMember(leader);
            off = TwoPhase.open(sandbox, m.pgHost(), m.pgPort(), sandbox.superuser(), "postgres",
                    "-c standard_conforming_strings=off");
            for (int i = 0; i < gids.size(); i++) {
                // Half prepared under each setting: PREPARE TRANSACTION takes the same literal.
                TwoPhase.prepare(i % 2 == 0 ? su : off, gids.get(i), "INSERT INTO " + marks + " VALUES (?)");
            }
            assertThat(TwoPhase.preparedWith(su, tag)).containsExactlyInAnyOrderElementsOf(gids);

            List<PreparedBranch> branches;
            try (Connection monitor = SandboxConnections.connect(sandbox, leader, sandbox.monitorUser(), "postgres")) {
                branches = new PreparedXactsProbe().read(TwoPhase.node(sandbox, leader), monitor).stream()
                        .filter(b -> b.gid().contains(tag)).toList();
            }
            assertThat(branches).extracting(PreparedBranch::gid).containsExactlyInAnyOrderElementsOf(gids);

            BranchResolver resolver = new BranchResolver();
            List<String> committed = new ArrayList<>();
            for (int i = 0; i < branches.size(); i++) {
                PreparedBranch b = branches.get(i);
                boolean commit = i % 2 == 0;
                // Resolved under the other setting than prepared, for half of them: the resolver reads its own.
                String options = i % 3 == 0 ? "-c standard_conforming_strings=off" : null;
                resolver.resolve(b, commit, (host, port, db, user) ->
                        TwoPhase.open(sandbox, host, port, user, db, options), sandbox.superuser());
                if (commit) {
                    committed.add(b.gid());
                }
            }

            assertThat(TwoPhase.preparedWith(su, tag)).isEmpty();
            try (Statement st = su.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT gid FROM " + marks)) {
                    List<String> seen = new ArrayList<>();
                    while (rs.next()) {
                        seen.add(rs.getString(1));
                    }
                    assertThat(seen).as("exactly the committed branches' rows").containsExactlyInAnyOrderElementsOf(
                            committed);
                }
                try (ResultSet rs = st.executeQuery("SELECT id, v FROM " + canary)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt(1)).isEqualTo(1);
                    assertThat(rs.getString(2)).isEqualTo("intact");
                    assertThat(rs.next()).isFalse();
                }
            }
        } finally {
            TwoPhase.rollBackAll(sandbox, leader, tag);
            try (Statement st = su.createStatement()) {
                // Never hang on a lock a failed clean-up left behind.
                st.execute("SET lock_timeout = '5s'");
                st.execute("DROP TABLE IF EXISTS " + canary + ", " + marks);
            }
            Closing.inOrder(off, su);
        }
    }

    private static String roundTrip(Connection c, String literal, boolean escapes) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setEscapeProcessing(escapes);
            try (ResultSet rs = st.executeQuery("SELECT " + literal)) {
                rs.next();
                String v = rs.getString(1);
                if (rs.next()) {
                    return v + " (and more rows)";
                }
                return v;
            }
        }
    }

    /** 1..199 bytes of pieces; about one in ten exactly at the limit. */
    private static String randomGid(Random random) {
        int target = random.nextInt(10) == 0 ? GidLiteral.MAX_BYTES : 1 + random.nextInt(GidLiteral.MAX_BYTES);
        StringBuilder s = new StringBuilder();
        int size = 0;
        int misses = 0;
        while (size < target && misses < 20) {
            String piece = random.nextInt(4) == 0 ? randomCodePoint(random) : PIECES[random.nextInt(PIECES.length)];
            int b = bytes(piece);
            if (size + b <= target) {
                s.append(piece);
                size += b;
            } else {
                misses++;
            }
        }
        while (size < target) {
            s.append('x');
            size++;
        }
        return s.toString();
    }

    private static String randomCodePoint(Random random) {
        while (true) {
            int cp = 1 + random.nextInt(random.nextBoolean() ? 0x7f : Character.MAX_CODE_POINT);
            if (!(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE)) {
                return new String(Character.toChars(cp));
            }
        }
    }

    /** {@code start}, then {@code unit} while it fits, then ASCII up to exactly {@code bytes}. */
    private static String fill(String start, String unit, int bytes) {
        StringBuilder s = new StringBuilder(start);
        while (bytes(s + unit) <= bytes) {
            s.append(unit);
        }
        while (bytes(s.toString()) < bytes) {
            s.append('z');
        }
        return s.toString();
    }

    private static int bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String visible(String s) {
        return s == null ? "null" : s.codePoints().mapToObj(cp -> cp < 0x20 || cp == '\\' || cp > 0x7e
                ? String.format("\\u{%x}", cp) : Character.toString(cp)).collect(Collectors.joining("", "«", "»"));
    }
}
