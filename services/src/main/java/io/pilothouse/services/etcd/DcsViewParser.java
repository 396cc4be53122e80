package io.pilothouse.services.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import io.pilothouse.services.model.ScheduledSwitchover;
import io.pilothouse.services.model.SyncMode;
import io.pilothouse.services.patroni.DcsMember;
import io.pilothouse.services.patroni.PatroniFormatException;
import io.pilothouse.services.patroni.PatroniJson;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Turns the raw keys of one cluster into a {@link DcsView}. A bad key is reported, never fatal. */
public final class DcsViewParser {

    private DcsViewParser() {
    }

    /**
     * @param cluster scope (or {@code scope/group})
     * @param keys    key name ({@code leader}, {@code config}, {@code members/node1}, …) to value
     */
    public static DcsView parse(String cluster, Map<String, DcsValue> keys) {
        List<String> problems = new ArrayList<>();
        List<DcsMember> members = new ArrayList<>();
        for (Map.Entry<String, DcsValue> e : keys.entrySet()) {
            if (e.getKey().startsWith("members/")) {
                String name = e.getKey().substring("members/".length());
                try {
                    members.add(PatroniJson.parseMemberKey(name, e.getValue().value()));
                } catch (PatroniFormatException ex) {
                    problems.add(ex.getMessage());
                }
            }
        }
        DcsValue leaderKey = keys.get("leader");
        String leader = leaderKey == null || leaderKey.value().isBlank() ? null : leaderKey.value().trim();
        JsonNode config = object(keys.get("config"), "config key", problems);
        Long ttl = number(config, "ttl");
        Long loopWait = number(config, "loop_wait");
        Long maxLag = number(config, "maximum_lag_on_failover");
        boolean paused = config != null && config.path("pause").asBoolean(false);
        ScheduledSwitchover scheduled = scheduled(object(keys.get("failover"), "failover key", problems));
        JsonNode sync = object(keys.get("sync"), "sync key", problems);
        return new DcsView(cluster, leader, leaderKey == null ? 0 : leaderKey.lease(), members, ttl, loopWait, maxLag,
                paused, scheduled, optime(keys, problems), syncStandbys(sync), problems, sync(config, sync),
                parameters(config));
    }

    private static DcsView.Sync sync(JsonNode config, JsonNode sync) {
        SyncMode mode = config == null ? SyncMode.ASYNC : SyncMode.fromPatroni(scalar(config.get("synchronous_mode")));
        boolean strict = config != null
                && SyncMode.fromPatroni(scalar(config.get("synchronous_mode_strict"))) == SyncMode.SYNC;
        Long count = number(config, "synchronous_node_count");
        Long quorum = number(sync, "quorum");
        String syncLeader = sync == null || !sync.hasNonNull("leader") ? null : sync.get("leader").asText();
        return new DcsView.Sync(mode, strict, count == null ? null : count.intValue(), syncLeader,
                quorum == null ? null : quorum.intValue());
    }

    /** A JSON scalar as Java value: Boolean for booleans, text otherwise; null when absent. */
    private static Object scalar(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        return n.isBoolean() ? (Object) n.booleanValue() : n.asText();
    }

    /** {@code config.postgresql.parameters}, every value as text. */
    private static Map<String, String> parameters(JsonNode config) {
        Map<String, String> out = new java.util.TreeMap<>();
        JsonNode p = config == null ? null : config.path("postgresql").path("parameters");
        if (p != null && p.isObject()) {
            p.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull() && !e.getValue().isContainerNode()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    private static Long optime(Map<String, DcsValue> keys, List<String> problems) {
        DcsValue status = keys.get("status");
        if (status != null) {
            String v = status.value().trim();
            if (v.startsWith("{")) {
                JsonNode n = object(status, "status key", problems);
                return number(n, "optime");
            }
            return parseLong(v);
        }
        DcsValue old = keys.get("optime/leader");
        return old == null ? null : parseLong(old.value().trim());
    }

    private static List<String> syncStandbys(JsonNode sync) {
        if (sync == null) {
            return List.of();
        }
        JsonNode s = sync.get("sync_standby");
        if (s == null || s.isNull() || s.asText().isBlank()) {
            return List.of();
        }
        return Arrays.stream(s.asText().split(",")).map(String::trim).filter(x -> !x.isEmpty()).toList();
    }

    private static ScheduledSwitchover scheduled(JsonNode failover) {
        if (failover == null || failover.get("scheduled_at") == null || failover.get("scheduled_at").isNull()) {
            return null;
        }
        return new ScheduledSwitchover(failover.get("scheduled_at").asText(),
                failover.hasNonNull("leader") ? failover.get("leader").asText() : null,
                failover.hasNonNull("member") ? failover.get("member").asText() : null);
    }

    private static JsonNode object(DcsValue v, String what, List<String> problems) {
        if (v == null || v.value().isBlank()) {
            return null;
        }
        try {
            return PatroniJson.parseObject(v.value(), what);
        } catch (PatroniFormatException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static Long number(JsonNode n, String field) {
        if (n == null || !n.hasNonNull(field)) {
            return null;
        }
        JsonNode v = n.get(field);
        return v.isNumber() ? Long.valueOf(v.longValue()) : parseLong(v.asText());
    }

    private static Long parseLong(String s) {
        try {
            return Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
