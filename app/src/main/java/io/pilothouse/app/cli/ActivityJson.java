package io.pilothouse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.activity.ActivityReading;
import io.pilothouse.services.activity.ActivitySession;
import io.pilothouse.services.activity.AdvisoryLock;
import io.pilothouse.services.activity.BlockingTree;
import io.pilothouse.services.activity.NodeActivity;
import io.pilothouse.services.activity.SessionState;
import io.pilothouse.services.activity.WaitCount;

import java.util.List;

/** {@code pilothouse activity --json}; field names only ever added. */
final class ActivityJson {

    private ActivityJson() {
    }

    static ObjectNode of(List<NodeActivity> nodes) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode out = root.putArray("nodes");
        for (NodeActivity n : nodes) {
            ObjectNode o = out.addObject();
            o.put("node", n.node().label());
            o.put("source", n.node().source());
            o.put("scope", n.node().scope());
            o.put("member", n.node().member());
            o.put("host", n.node().host());
            o.put("port", n.node().port());
            o.put("readAt", n.readAt().toString());
            o.put("readable", n.readable());
            if (!n.readable()) {
                o.put("error", n.error());
                continue;
            }
            reading(o, n.reading());
            n.transactionsPerSecond().ifPresentOrElse(v -> o.put("transactionsPerSecond", v),
                    () -> o.putNull("transactionsPerSecond"));
            n.walBytesPerSecond().ifPresentOrElse(v -> o.put("walBytesPerSecond", v),
                    () -> o.putNull("walBytesPerSecond"));
        }
        return root;
    }

    private static void reading(ObjectNode o, ActivityReading r) {
        o.put("inRecovery", r.inRecovery());
        o.put("connections", r.connections());
        o.put("maxConnections", r.maxConnections());
        o.put("reservedConnections", r.reservedConnections());
        ObjectNode states = o.putObject("byState");
        r.byState().forEach((s, count) -> {
            if (s != SessionState.OTHER) {
                states.put(s.wireName(), count);
            }
        });
        ArrayNode waits = o.putArray("topWaits");
        for (WaitCount w : r.topWaits(10)) {
            waits.addObject().put("type", w.type()).put("event", w.event()).put("sessions", w.count());
        }
        ArrayNode blocking = o.putArray("blocking");
        r.blockingTree().forEach(node -> tree(blocking.addObject(), node));
        ArrayNode longTx = o.putArray("longTransactions");
        r.longTransactions(ActivityReading.LONG_TRANSACTION_SECONDS).forEach(s -> longTx.add(s.pid()));
        ArrayNode idle = o.putArray("idleInTransaction");
        r.idleInTransaction().forEach(s -> idle.add(s.pid()));
        ArrayNode locks = o.putArray("advisoryLocks");
        for (AdvisoryLock l : r.advisoryLocks()) {
            ObjectNode lo = locks.addObject();
            if (l.pid() == null) {
                lo.putNull("pid");
            } else {
                lo.put("pid", l.pid());
            }
            lo.put("database", l.database()).put("key", l.key()).put("mode", l.mode()).put("granted", l.granted());
            if (l.waitingSeconds() != null) {
                lo.put("waitingSeconds", l.waitingSeconds());
            }
        }
        ArrayNode sessions = o.putArray("sessions");
        r.sessions().forEach(s -> session(sessions.addObject(), s));
    }

    private static void tree(ObjectNode o, BlockingTree.Node node) {
        o.put("pid", node.pid());
        o.put("label", node.label());
        o.put("waitingBehind", node.waitingBehind());
        ArrayNode children = o.putArray("waiters");
        node.children().forEach(c -> tree(children.addObject(), c));
    }

    private static void session(ObjectNode o, ActivitySession s) {
        o.put("pid", s.pid());
        o.put("backendStart", s.backendStart() == null ? null : s.backendStart().toString());
        o.put("user", s.user());
        o.put("database", s.database());
        o.put("application", s.application());
        o.put("client", s.client());
        o.put("backendType", s.backendType());
        o.put("state", s.state() == SessionState.OTHER ? null : s.state().wireName());
        o.put("waitEventType", s.waitEventType());
        o.put("waitEvent", s.waitEvent());
        o.put("transactionSeconds", s.transactionSeconds());
        o.put("stateSeconds", s.stateSeconds());
        o.put("querySeconds", s.querySeconds());
        o.put("query", s.query());
        ArrayNode by = o.putArray("blockedBy");
        s.blockedBy().forEach(by::add);
    }
}
