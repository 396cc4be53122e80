package io.pilothouse.services.switchover;

import static org.assertj.core.api.Assertions.assertThat;

import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The write endpoint's check names the member by the address the server reports, never by its port alone. */
class WriteEndpointIdentityTest {

    private static Member member(String name, String host, int port) {
        return Member.builder(name).role(MemberRole.REPLICA).host(host).port(port).build();
    }

    private static final List<Member> EVERY_NODE_ON_5432 = List.of(member("node1", "10.0.0.1", 5432),
            member("node2", "10.0.0.2", 5432), member("node3", "10.0.0.3", 5432));

    @Test
    void withEveryNodeOnTheSamePortTheHostDecides() {
        assertThat(WriteEndpoint.memberAt(EVERY_NODE_ON_5432, "10.0.0.2", 5432)).map(Member::name)
                .contains("node2");
        assertThat(WriteEndpoint.memberAt(EVERY_NODE_ON_5432, "10.0.0.3", 5432)).map(Member::name)
                .contains("node3");
    }

    @Test
    void aServerAtAnAddressNoMemberHasIsNobodyEvenOnAMembersPort() {
        assertThat(WriteEndpoint.memberAt(EVERY_NODE_ON_5432, "10.0.0.9", 5432)).isEmpty();
        assertThat(WriteEndpoint.memberAt(EVERY_NODE_ON_5432, null, 5432)).isEmpty();
    }

    @Test
    void theRightHostOnAnotherPortIsNotThatMember() {
        assertThat(WriteEndpoint.memberAt(EVERY_NODE_ON_5432, "10.0.0.1", 5433)).isEmpty();
    }

    @Test
    void aMemberNamedByHostNameMatchesTheAddressItResolvesTo() {
        List<Member> named = List.of(member("node1", "localhost", 5432));
        assertThat(WriteEndpoint.memberAt(named, "127.0.0.1", 5432)).map(Member::name).contains("node1");
    }
}
