package io.pilothouse.services.traffic;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Output recorded from a real {@code sandbox up --poolers} (HAProxy 2.6, PgBouncer 1.18, Pgpool-II 4.3): the stats
 * CSV as served, the admin answers as {@code psql --csv} printed them (no field of them holds a comma).
 */
final class Recorded {

    static final String NODE1 = "127.0.0.1:24306";
    static final String NODE2 = "127.0.0.1:26602";
    static final String NODE3 = "127.0.0.1:26585";

    private Recorded() {}

    static String text(String name) {
        try (InputStream in = Recorded.class.getResourceAsStream("/traffic/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing recording " + name, e);
        }
    }

    static List<Map<String, String>> psqlCsv(String name) {
        String[] lines = text(name).split("\\R");
        String[] header = lines[0].split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] fields = lines[i].split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], c < fields.length ? fields[c] : "");
            }
            rows.add(row);
        }
        return rows;
    }

    /** The recorded sandbox's cluster with {@code leader} leading. */
    static MemberIndex cluster(String leader) {
        List<Member> members = new ArrayList<>();
        String[][] nodes = {{"node1", "24306"}, {"node2", "26602"}, {"node3", "26585"}};
        for (String[] n : nodes) {
            boolean leads = n[0].equals(leader);
            members.add(Member.builder(n[0]).role(leads ? MemberRole.LEADER : MemberRole.REPLICA)
                    .state(leads ? MemberState.RUNNING : MemberState.STREAMING).host("127.0.0.1")
                    .port(Integer.parseInt(n[1])).build());
        }
        ClusterSnapshot c = ClusterSnapshot.builder("demo", "demo").leader(leader).members(members).build();
        return new MemberIndex(c);
    }
}
