package io.pilothouse.services.patroni;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;
import io.pilothouse.services.model.ScheduledSwitchover;

import java.util.ArrayList;
import java.util.List;

import static io.pilothouse.services.patroni.JsonFields.bool;
import static io.pilothouse.services.patroni.JsonFields.integer;
import static io.pilothouse.services.patroni.JsonFields.lag;
import static io.pilothouse.services.patroni.JsonFields.longValue;
import static io.pilothouse.services.patroni.JsonFields.lsn;
import static io.pilothouse.services.patroni.JsonFields.tags;
import static io.pilothouse.services.patroni.JsonFields.text;

/**
 * Parses what Patroni 3.x and 4.x write: {@code GET /cluster}, {@code GET /patroni} and member keys in the DCS.
 * Lenient about optional fields (they vary by version), strict about the shape: anything that is not a JSON object
 * of the expected kind raises {@link PatroniFormatException} with a message saying what and where.
 */
public final class PatroniJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PatroniJson() {
    }

    /** Parses a {@code GET /cluster} answer. */
    public static PatroniCluster parseCluster(String json) {
        JsonNode root = object(json, "GET /cluster");
        JsonNode members = root.get("members");
        if (members == null || !members.isArray()) {
            throw new PatroniFormatException("GET /cluster answer has no \"members\" array; is this a Patroni REST API?");
        }
        List<PatroniMember> list = new ArrayList<>();
        for (JsonNode m : members) {
            if (!m.isObject() || text(m, "name") == null) {
                throw new PatroniFormatException("GET /cluster lists a member without a name: " + abbreviate(m.toString()));
            }
            String state = text(m, "state");
            list.add(new PatroniMember(text(m, "name"), MemberRole.fromPatroni(text(m, "role")),
                    MemberState.fromPatroni(state), state, text(m, "api_url"), text(m, "host"),
                    orZero(integer(m, "port")), integer(m, "timeline"), tags(m), bool(m, "pending_restart"),
                    lag(m, "lag"), lag(m, "receive_lag"), lag(m, "replay_lag"), lsn(m, "receive_lsn"),
                    lsn(m, "replay_lsn")));
        }
        return new PatroniCluster(text(root, "scope"), bool(root, "pause"), switchover(root.get("scheduled_switchover")),
                list);
    }

    /** Parses a {@code GET /patroni} answer. */
    public static PatroniNodeStatus parseNode(String json) {
        JsonNode root = object(json, "GET /patroni");
        if (root.get("state") == null && root.get("role") == null) {
            throw new PatroniFormatException("GET /patroni answer has neither \"state\" nor \"role\"; is this a Patroni REST API?");
        }
        JsonNode patroni = root.path("patroni");
        JsonNode xlog = root.path("xlog");
        Long position = longValue(xlog, "location");
        if (position == null) {
            position = longValue(xlog, "replayed_location");
        }
        List<PatroniNodeStatus.Replication> replication = new ArrayList<>();
        JsonNode rep = root.get("replication");
        if (rep != null && rep.isArray()) {
            for (JsonNode r : rep) {
                replication.add(new PatroniNodeStatus.Replication(text(r, "usename"), text(r, "application_name"),
                        text(r, "client_addr"), text(r, "state"), text(r, "sync_state"), integer(r, "sync_priority")));
            }
        }
        MemberRole role = MemberRole.fromPatroni(text(root, "role"));
        return new PatroniNodeStatus(text(patroni, "name"), text(patroni, "scope"), text(patroni, "version"),
                role, memberState(root, role),
                orZero(integer(root, "server_version")), integer(root, "timeline"), bool(root, "pause"),
                bool(root, "pending_restart"), position, longValue(xlog, "received_location"),
                xlog.isObject() && bool(xlog, "paused"), longValue(root, "dcs_last_seen"), tags(root), replication);
    }

    /** Parses a DCS member key value; {@code name} comes from the key itself. */
    public static DcsMember parseMemberKey(String name, String json) {
        JsonNode root = object(json, "member key " + name);
        MemberRole role = MemberRole.fromPatroni(text(root, "role"));
        return new DcsMember(name, text(root, "conn_url"), text(root, "api_url"), role, memberState(root, role),
                text(root, "version"), longValue(root, "xlog_location"), integer(root, "timeline"), tags(root),
                bool(root, "pending_restart"));
    }

    /** Parses any JSON object value (DCS {@code config}, {@code status}, {@code sync}, {@code failover}). */
    public static JsonNode parseObject(String json, String what) {
        return object(json, what);
    }

    /**
     * A member's state as {@code GET /cluster} and patronictl show it. Patroni 4 (and 3.0.4+) writes a replica's
     * PostgreSQL state as {@code state: running} and what its WAL receiver does apart, as {@code replication_state}
     * ({@code streaming}, {@code in archive recovery}); the latter is what Patroni itself reports for a replica.
     * Patroni 3.0.2 has no {@code replication_state}: its {@code state} stands.
     */
    private static MemberState memberState(JsonNode root, MemberRole role) {
        String replication = text(root, "replication_state");
        if (!role.isLeaderLike() && replication != null && !replication.isBlank()) {
            return MemberState.fromPatroni(replication);
        }
        return MemberState.fromPatroni(text(root, "state"));
    }

    /** Reads a scheduled switchover from a {@code /cluster} or DCS {@code failover} object (which says {@code member}). */
    static ScheduledSwitchover switchover(JsonNode s) {
        if (s == null || !s.isObject()) {
            return null;
        }
        String at = text(s, "at");
        if (at == null) {
            at = text(s, "scheduled_at");
        }
        String to = text(s, "to");
        if (to == null) {
            to = text(s, "member");
        }
        if (at == null) {
            return null;
        }
        return new ScheduledSwitchover(at, text(s, "from") != null ? text(s, "from") : text(s, "leader"), to);
    }

    private static JsonNode object(String json, String what) {
        if (json == null || json.isBlank()) {
            throw new PatroniFormatException(what + ": empty answer where JSON was expected");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new PatroniFormatException(what + ": malformed JSON" + where + " (" + e.getOriginalMessage()
                    + "); starts with: " + abbreviate(json), e);
        }
        if (root == null || !root.isObject()) {
            throw new PatroniFormatException(what + ": expected a JSON object, got: " + abbreviate(json));
        }
        return root;
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static String abbreviate(String s) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 77) + "...";
    }
}
