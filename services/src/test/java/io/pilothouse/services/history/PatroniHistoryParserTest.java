package io.pilothouse.services.history;

import io.pilothouse.services.patroni.PatroniFormatException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PatroniHistoryParserTest {

    /** As Patroni 3.0.2 answered {@code GET /history} after a switchover and a failover in the sandbox. */
    static final String PATRONI_3 = """
            [[1, 50331808, "no recovery target specified", "2026-11-21T05:40:12.845122+00:00", "node2"],
             [2, 67109024, "no recovery target specified", "2026-11-21T05:41:03.101918+00:00", "node3"]]
            """;

    @Test
    void readsFiveElementRecords() {
        List<TimelineRecord> r = PatroniHistoryParser.parse(PATRONI_3, "test");
        assertThat(r).hasSize(2);
        assertThat(r.get(0)).isEqualTo(new TimelineRecord(1, 50331808L, "no recovery target specified",
                Instant.parse("2026-11-21T05:40:12.845122Z"), "node2"));
        assertThat(r.get(1).nextTimeline()).isEqualTo(3);
        assertThat(r.get(1).newLeader()).isEqualTo("node3");
    }

    @Test
    void readsOlderThreeAndFourElementRecordsAndNaiveTimes() {
        List<TimelineRecord> r = PatroniHistoryParser.parse(
                "[[2, 83886248, \"no recovery target specified\", \"2019-05-02T10:00:01.5\"],"
                        + "[1, 33554592, \"no recovery target specified\"]]", "test");
        assertThat(r).extracting(TimelineRecord::timeline).containsExactly(1, 2);
        assertThat(r.get(0).timestamp()).isNull();
        assertThat(r.get(0).newLeader()).isNull();
        assertThat(r.get(1).timestamp()).isEqualTo(Instant.parse("2019-05-02T10:00:01.500Z"));
    }

    @Test
    void acceptsAnEmptyHistoryAndTextualLsns() {
        assertThat(PatroniHistoryParser.parse("[]", "test")).isEmpty();
        assertThat(PatroniHistoryParser.parse("", "test")).isEmpty();
        assertThat(PatroniHistoryParser.parse("[[1, \"0/3000060\", \"x\", null, null]]", "test").get(0).lsn())
                .isEqualTo(0x3000060L);
    }

    @Test
    void malformedHistoryFailsWithWhereAndWhat() {
        assertThatThrownBy(() -> PatroniHistoryParser.parse("{\"a\":1}", "GET http://h:8008/history"))
                .isInstanceOf(PatroniFormatException.class)
                .hasMessageContaining("GET http://h:8008/history").hasMessageContaining("array");
        assertThatThrownBy(() -> PatroniHistoryParser.parse("[[\"x\", 1]]", "DCS key /service/demo/history"))
                .isInstanceOf(PatroniFormatException.class).hasMessageContaining("entry 0")
                .hasMessageContaining("timeline");
        assertThatThrownBy(() -> PatroniHistoryParser.parse("[[1, 2, \"r\", \"yesterday\"]]", "test"))
                .isInstanceOf(PatroniFormatException.class).hasMessageContaining("yesterday");
        assertThatThrownBy(() -> PatroniHistoryParser.parse("[1,", "test"))
                .isInstanceOf(PatroniFormatException.class).hasMessageContaining("not JSON");
    }
}
