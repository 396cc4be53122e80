package io.pilothouse.services.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.workspace.EtcdConfig;
import io.pilothouse.services.workspace.SourceConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * What a generated patroni.yml cannot carry for a cluster: TLS files and logins that live on each host (their paths
 * and secrets are not known here). A member started without them could not reach etcd or serve its REST API the way
 * the others do, so adding a member to such a cluster is refused with these words rather than left to hang.
 */
public final class PatroniConfigGaps {

    private PatroniConfigGaps() {
    }

    /** The gaps, each in words with the patroni.yml keys it concerns; empty when the generated file is complete. */
    public static List<String> of(SourceConfig source, ClusterSnapshot cluster) {
        List<String> gaps = new ArrayList<>();
        EtcdConfig etcd = source.etcd();
        if (etcd != null && etcd.usesTls()) {
            gaps.add("etcd over https (etcd3.cacert" + (etcd.cert() != null ? ", cert and key" : "") + ")");
        } else if (etcd != null && etcd.cert() != null) {
            gaps.add("etcd client certificates (etcd3.cert and key)");
        }
        if (etcd != null && etcd.user() != null) {
            gaps.add("etcd authentication (etcd3.username and password)");
        }
        boolean restTls = source.patroniTls() != null
                || source.patroni().stream().anyMatch(PatroniConfigGaps::https)
                || cluster.members().stream().map(Member::apiUrl).anyMatch(PatroniConfigGaps::https);
        if (restTls) {
            gaps.add("Patroni's REST API over https (restapi.certfile and keyfile)");
        }
        if (source.patroniUser() != null) {
            gaps.add("REST API authentication (restapi.authentication)");
        }
        return List.copyOf(gaps);
    }

    /** The pre-check: passes when nothing is missing, otherwise fails naming what is and what to do. */
    static PreCheck check(String scope, List<String> gaps) {
        if (gaps.isEmpty()) {
            return PreCheck.pass("TLS and logins", "etcd and Patroni's REST API are reached without TLS files or "
                    + "users here: the generated patroni.yml names everything the member needs");
        }
        return PreCheck.fail("TLS and logins", scope + " uses " + String.join(", ", gaps) + ": those files and "
                + "secrets live on each host, so a generated patroni.yml would leave the member unable to register "
                + "or to be asked; add this member by hand from another member's patroni.yml (Pilothouse does not "
                + "write TLS or login settings into a member's configuration yet)");
    }

    private static boolean https(String url) {
        return url != null && url.regionMatches(true, 0, "https://", 0, 8);
    }
}
