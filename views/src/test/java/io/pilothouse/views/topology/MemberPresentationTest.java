package io.pilothouse.views.topology;

import io.pilothouse.services.model.Freshness;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.views.Tone;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.pilothouse.views.SampleEstates.NOW;
import static org.assertj.core.api.Assertions.assertThat;

class MemberPresentationTest {

    @Test
    void turnsTagsIntoChipsAndWarnsAboutThoseThatPreventFailover() {
        Member m = Member.builder("a").role(MemberRole.REPLICA).pendingRestart(true)
                .tags(Map.of("nofailover", "true", "nosync", "false", "replicatefrom", "b", "failover_priority", "0"))
                .build();
        assertThat(MemberPresentation.chips(m)).containsExactly(
                new MemberPresentation.Chip("failover_priority: 0", Tone.WARN, false),
                new MemberPresentation.Chip("nofailover", Tone.WARN, false),
                new MemberPresentation.Chip("replicatefrom: b", Tone.NEUTRAL, false),
                new MemberPresentation.Chip("pending restart", Tone.WARN, true));
    }

    @Test
    void badgesStaleAndUnreachableMembersWithTheirAge() {
        Member.Builder b = Member.builder("a").lastSeen(NOW.minusSeconds(12));
        assertThat(MemberPresentation.staleBadge(b.freshness(Freshness.LIVE).build(), NOW)).isNull();
        assertThat(MemberPresentation.staleBadge(b.freshness(Freshness.STALE).build(), NOW))
                .isEqualTo("STALE — last seen 12 s ago");
        assertThat(MemberPresentation.staleBadge(b.freshness(Freshness.UNREACHABLE).lastSeen(NOW.minusSeconds(130))
                .build(), NOW)).isEqualTo("UNREACHABLE — last seen 2 min 10 s ago");
        assertThat(MemberPresentation.staleBadge(Member.builder("x").build(), NOW)).isEqualTo("NO DATA — never seen");
    }
}
