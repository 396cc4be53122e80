package io.pilothouse.services.indoubt;

import io.pilothouse.services.workspace.IndoubtConfig;
import org.junit.jupiter.api.Test;

import javax.transaction.xa.Xid;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GidPatternsTest {

    private final GidPatterns builtIn = GidPatterns.builtIn();

    @Test
    void guidesConventionWithAKnownNodeNameTakesTheNodeName() {
        GidMatch m = builtIn.classify("tx_001_node_a", Set.of("node_a", "node_b"));

        assertThat(m.pattern()).isEqualTo(GidPatterns.GLOBAL_NODE);
        assertThat(m.globalId()).isEqualTo("tx_001");
        assertThat(m.participant()).isEqualTo("node_a");
        assertThat(m.note()).isNull();
    }

    @Test
    void theLongestKnownNodeNameWinsAndTheNoteSaysAShorterOneAlsoFits() {
        GidMatch m = builtIn.classify("order_7_eu_node_a", Set.of("a", "node_a", "eu_node_a", "b"));

        assertThat(m.globalId()).isEqualTo("order_7");
        assertThat(m.participant()).isEqualTo("eu_node_a");
        assertThat(m.note()).contains("'node_a'").contains("longest");
    }

    @Test
    void knownNodeNamesMatchWithoutRegardToCaseAndKeepTheGidsSpelling() {
        GidMatch m = builtIn.classify("tx_9_Node_A", Set.of("node_a"));

        assertThat(m.globalId()).isEqualTo("tx_9");
        assertThat(m.participant()).isEqualTo("Node_A");
    }

    @Test
    void aKnownNameThatIsTheWholeGidIsNotASuffix() {
        GidMatch m = builtIn.classify("node_a", Set.of("node_a"));

        // No global id would be left: fall back to the two-token split.
        assertThat(m.globalId()).isEqualTo("node");
        assertThat(m.participant()).isEqualTo("a");
    }

    @Test
    void aUuidGlobalIdIsSplitAfterTheUuid() {
        GidMatch m = builtIn.classify("0b9c6a52-3f1e-4c8e-9d7a-2b5e1f0c7a11_shard-1", Set.of());

        assertThat(m.globalId()).isEqualTo("0b9c6a52-3f1e-4c8e-9d7a-2b5e1f0c7a11");
        assertThat(m.participant()).isEqualTo("shard-1");
        assertThat(m.note()).isNull();
        assertThat(m.family()).isEqualTo("global_node:<uuid>");
    }

    @Test
    void aUuidWithANodeNameContainingUnderscoresIsStillExact() {
        GidMatch m = builtIn.classify("0b9c6a52-3f1e-4c8e-9d7a-2b5e1f0c7a11_node_a", Set.of());

        assertThat(m.participant()).isEqualTo("node_a");
        assertThat(m.note()).isNull();
    }

    @Test
    void withoutKnownNamesTxNodeAIsReadAsTxAndNodeAButMarkedAmbiguous() {
        GidMatch m = builtIn.classify("tx_001_node_a", Set.of());

        assertThat(m.globalId()).isEqualTo("tx_001");
        assertThat(m.participant()).isEqualTo("node_a");
        assertThat(m.note()).startsWith("ambiguous").contains("global 'tx_001_node' + node 'a'");
    }

    @Test
    void fallbackTakesOneLongLastToken() {
        GidMatch m = builtIn.classify("tx_001_node1", Set.of());

        assertThat(m.globalId()).isEqualTo("tx_001");
        assertThat(m.participant()).isEqualTo("node1");
        assertThat(m.note()).contains("global 'tx' + node '001_node1'");
    }

    @Test
    void fallbackTakesTwoTokensWhenTheLastIsANumberAfterAWord() {
        assertThat(builtIn.classify("tx_001_shard_12", Set.of()).participant()).isEqualTo("shard_12");
        assertThat(builtIn.classify("order_42_db_3", Set.of()).globalId()).isEqualTo("order_42");
    }

    @Test
    void fallbackDoesNotJoinANumberToANumber() {
        GidMatch m = builtIn.classify("tx_001_2", Set.of());

        assertThat(m.globalId()).isEqualTo("tx_001");
        assertThat(m.participant()).isEqualTo("2");
    }

    @Test
    void theHardCaseOrderItems1IsAGuessTheNoteOffersTheOtherReading() {
        GidMatch guess = builtIn.classify("order_items_1", Set.of());
        assertThat(guess.globalId()).isEqualTo("order");
        assertThat(guess.participant()).isEqualTo("items_1");
        assertThat(guess.note()).contains("global 'order_items' + node '1'");

        GidMatch known = builtIn.classify("order_items_1", Set.of("1"));
        assertThat(known.globalId()).isEqualTo("order_items");
        assertThat(known.note()).isNull();
    }

    @Test
    void twoTokensSplitExactly() {
        GidMatch m = builtIn.classify("tx42_db1", Set.of());

        assertThat(m.globalId()).isEqualTo("tx42");
        assertThat(m.participant()).isEqualTo("db1");
        assertThat(m.note()).isNull();
    }

    @Test
    void theFamilyIsTheGlobalIdsShape() {
        assertThat(builtIn.classify("tx_001_node_a", Set.of("node_a")).family())
                .isEqualTo(builtIn.classify("tx_002_node_b", Set.of("node_b")).family())
                .isEqualTo("global_node:tx_#");
    }

    @Test
    void citusGidsGroupByInitiatorPidAndTransactionNumber() {
        GidMatch m = builtIn.classify("citus_0_12345_678_2", Set.of("citus"));

        assertThat(m.pattern()).isEqualTo(GidPatterns.CITUS);
        assertThat(m.globalId()).isEqualTo("citus_0_12345_678");
        assertThat(m.branch()).isEqualTo("2");
        assertThat(m.participant()).isNull();
        assertThat(CitusDecisionLookup.initiatorGroup(m.globalId())).isZero();
    }

    @Test
    void aCitusLookalikeWithTooFewNumbersIsNotCitus() {
        assertThat(builtIn.classify("citus_0_12345_678", Set.of()).pattern()).isEqualTo(GidPatterns.GLOBAL_NODE);
    }

    @Test
    void pgjdbcXaGidsAsTheDriverWritesThem() throws Exception {
        String gid = driverGid(4660, "order-17".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 1, (byte) 0xff});
        assertThat(gid).isEqualTo("4660_b3JkZXItMTc=_AAH/");

        GidMatch m = builtIn.classify(gid, Set.of());

        assertThat(m.pattern()).isEqualTo(GidPatterns.PGJDBC_XA);
        assertThat(m.globalId()).isEqualTo("xa 4660 \"order-17\"");
        assertThat(m.branch()).isEqualTo("0x0001ff");
    }

    @Test
    void twoXaBranchesOfOneTransactionShareTheGlobalId() throws Exception {
        byte[] gtrid = {(byte) 0xca, (byte) 0xfe};
        GidMatch a = builtIn.classify(driverGid(131077, gtrid, "db1".getBytes(StandardCharsets.US_ASCII)), Set.of());
        GidMatch b = builtIn.classify(driverGid(131077, gtrid, "db2".getBytes(StandardCharsets.US_ASCII)), Set.of());

        assertThat(a.globalId()).isEqualTo(b.globalId()).isEqualTo("xa 131077 0xcafe");
        assertThat(a.branch()).isEqualTo("\"db1\"");
        assertThat(b.branch()).isEqualTo("\"db2\"");
    }

    @Test
    void anEmptyBranchQualifierIsStillXa() throws Exception {
        GidMatch m = builtIn.classify(driverGid(1, "g".getBytes(StandardCharsets.US_ASCII), new byte[0]), Set.of());

        assertThat(m.pattern()).isEqualTo(GidPatterns.PGJDBC_XA);
        assertThat(m.branch()).isEqualTo("\"\"");
    }

    @Test
    void numbersAndWordsThatAreNotCanonicalBase64AreNotXa() {
        // "abc" decodes leniently but the driver always pads: not a gid it wrote.
        assertThat(builtIn.classify("1_abc_node1", Set.of()).pattern()).isEqualTo(GidPatterns.GLOBAL_NODE);
        assertThat(builtIn.classify("2024_orders_node_a", Set.of("node_a")).pattern())
                .isEqualTo(GidPatterns.GLOBAL_NODE);
    }

    @Test
    void workspacePatternsComeFirstWithTheirNamedGroups() {
        GidPatterns patterns = GidPatterns.from(new IndoubtConfig(List.of(
                new IndoubtConfig.PatternConfig("billing", "bill-(?<global>[0-9]+)-(?<node>.+)"),
                new IndoubtConfig.PatternConfig("nightly", "nightly:(?<global>.+)")), null, null));

        GidMatch billing = patterns.classify("bill-77-eu_1", Set.of());
        assertThat(billing.pattern()).isEqualTo("billing");
        assertThat(billing.globalId()).isEqualTo("77");
        assertThat(billing.participant()).isEqualTo("eu_1");

        GidMatch nightly = patterns.classify("nightly:2025-06-01", Set.of());
        assertThat(nightly.pattern()).isEqualTo("nightly");
        assertThat(nightly.participant()).isNull();

        // A workspace pattern that does not match leaves the built-in ones.
        assertThat(patterns.classify("citus_0_1_2_3", Set.of()).pattern()).isEqualTo(GidPatterns.CITUS);
    }

    @Test
    void anEmptyGlobalGroupDoesNotCount() {
        GidPatterns patterns = GidPatterns.from(new IndoubtConfig(List.of(
                new IndoubtConfig.PatternConfig("loose", "(?<global>[a-z]*)-x")), null, null));

        assertThat(patterns.classify("-x", Set.of()).unmatched()).isTrue();
    }

    @Test
    void aGidNoPatternRecognisesIsUnmatchedWithTheReason() {
        for (String gid : new String[] {"standalone", "_leading", "trailing_", "has space"}) {
            GidMatch m = builtIn.classify(gid, Set.of());
            assertThat(m.unmatched()).as(gid).isTrue();
            assertThat(m.globalId()).isEqualTo(gid);
            assertThat(m.note()).isEqualTo("no pattern matched");
        }
    }

    @Test
    void knownNodeNamesAreLabelMemberScopeAndSource() {
        assertThat(GidPatterns.knownNodeNames(List.of(Fixtures.node("shard-a", "node1"))))
                .containsExactlyInAnyOrder("shard-a/node1", "node1", "shard-a", "estate");
    }

    /** The gid pgjdbc 42.7.x writes for an XID: its own {@code RecoveredXid.xidToString} (package-private). */
    private static String driverGid(int formatId, byte[] gtrid, byte[] bqual) throws Exception {
        Class<?> recovered = Class.forName("org.postgresql.xa.RecoveredXid");
        Method toString = recovered.getDeclaredMethod("xidToString", Xid.class);
        toString.setAccessible(true);
        Xid xid = new Xid() {
            @Override
            public int getFormatId() {
                return formatId;
            }

            @Override
            public byte[] getGlobalTransactionId() {
                return gtrid;
            }

            @Override
            public byte[] getBranchQualifier() {
                return bqual;
            }
        };
        return (String) toString.invoke(null, xid);
    }
}
