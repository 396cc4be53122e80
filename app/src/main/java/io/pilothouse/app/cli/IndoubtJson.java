package io.pilothouse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GlobalTransaction;
import io.pilothouse.services.indoubt.InDoubtScan;
import io.pilothouse.services.model.NodeRef;
import io.pilothouse.services.model.PreparedBranch;

import java.util.List;

/** The in-doubt list as JSON; field names only ever added. */
final class IndoubtJson {

    private IndoubtJson() {
    }

    static ObjectNode of(InDoubtScan scan, List<AdvisedTransaction> txs) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("at", scan.at().toString());
        ArrayNode nodes = root.putArray("nodesRead");
        scan.nodes().forEach(n -> nodes.add(n.label()));
        ObjectNode errors = root.putObject("errors");
        scan.errors().forEach((n, e) -> errors.put(n.label(), e));
        ArrayNode out = root.putArray("transactions");
        for (AdvisedTransaction a : txs) {
            GlobalTransaction tx = a.transaction();
            ObjectNode t = out.addObject();
            t.put("globalId", tx.globalId());
            t.put("pattern", tx.pattern());
            t.put("advice", a.advice().action().name());
            t.put("summary", a.advice().summary());
            a.advice().evidence().forEach(t.putArray("evidence")::add);
            tx.expected().forEach(t.putArray("expected")::add);
            tx.missing().forEach(t.putArray("missing")::add);
            ArrayNode branches = t.putArray("branches");
            tx.branches().forEach((participant, b) -> branch(branches.addObject(), participant, b, scan));
        }
        return root;
    }

    private static void branch(ObjectNode o, String participant, PreparedBranch b, InDoubtScan scan) {
        NodeRef n = b.node();
        o.put("participant", participant);
        o.put("node", n.label());
        o.put("host", n.host());
        o.put("port", n.port());
        o.put("gid", b.gid());
        o.put("database", b.database());
        o.put("owner", b.owner());
        o.put("prepared", b.prepared().toString());
        o.put("ageSeconds", b.ageSeconds(scan.at()));
        o.put("xid", b.xid());
        o.put("xidAge", b.xidAge());
        o.put("freezeMaxAge", b.freezeMaxAge());
        o.put("oldestXmin", b.oldestXmin());
        ArrayNode locks = o.putArray("locks");
        b.locks().forEach(l -> locks.addObject().put("type", l.lockType()).put("mode", l.mode())
                .put("relation", l.relation()));
        ArrayNode blocked = o.putArray("blocked");
        b.blocked().forEach(s -> blocked.addObject().put("pid", s.pid()).put("user", s.user())
                .put("database", s.database()).put("waitingSeconds", s.waitingSeconds()).put("query", s.query()));
    }
}
