package io.pilothouse.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.app.json.Json;
import io.pilothouse.services.shards.map.MapNode;
import io.pilothouse.services.shards.map.MapShard;
import io.pilothouse.services.shards.map.MapTable;
import io.pilothouse.services.shards.map.ShardBound;
import io.pilothouse.services.shards.map.ShardMap;

import java.util.List;

/** Shard maps as JSON; field names only ever added. Unknown figures are {@code null}. */
final class ShardsJson {

    private ShardsJson() {
    }

    static ObjectNode of(List<ShardMap> maps) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode out = root.putArray("maps");
        for (ShardMap m : maps) {
            ObjectNode map = out.addObject();
            map.put("name", m.name());
            map.put("kind", m.kind().name());
            map.put("readAt", m.readAt().toString());
            ArrayNode problems = map.putArray("problems");
            m.problems().forEach(problems::add);
            ArrayNode nodes = map.putArray("nodes");
            m.nodes().forEach(n -> node(nodes.addObject(), n));
            ArrayNode tables = map.putArray("tables");
            m.tables().forEach(t -> table(tables.addObject(), t));
        }
        return root;
    }

    private static void node(ObjectNode o, MapNode n) {
        o.put("id", n.id());
        o.put("label", n.label());
        o.put("host", n.host());
        o.put("port", n.port());
        o.put("database", n.database());
        o.put("source", n.source());
        o.put("reach", n.reach().name());
        o.put("error", n.error());
    }

    private static void table(ObjectNode o, MapTable t) {
        o.put("name", t.name());
        o.put("strategy", t.strategy());
        if (t.bytes().isPresent()) {
            o.put("bytes", t.bytes().getAsLong());
        } else {
            o.putNull("bytes");
        }
        if (t.skew().isPresent()) {
            o.put("skew", t.skew().get());
        } else {
            o.putNull("skew");
        }
        ObjectNode byNode = o.putObject("bytesByNode");
        t.bytesByNode().forEach(byNode::put);
        ArrayNode problems = o.putArray("problems");
        t.problems().forEach(problems::add);
        ArrayNode shards = o.putArray("shards");
        t.shards().forEach(s -> shard(shards.addObject(), s));
    }

    private static void shard(ObjectNode o, MapShard s) {
        o.put("name", s.name());
        o.put("node", s.nodeId());
        o.put("remoteTable", s.remoteTable());
        o.put("foreign", s.foreign());
        ObjectNode bound = o.putObject("bound");
        bound.put("display", s.bound().display());
        if (s.bound() instanceof ShardBound.Hash h) {
            bound.put("kind", "hash");
            bound.put("modulus", h.modulus());
            bound.put("remainder", h.remainder());
        } else if (s.bound() instanceof ShardBound.Range r) {
            bound.put("kind", "range");
            bound.put("from", r.from());
            bound.put("to", r.to());
        } else if (s.bound() instanceof ShardBound.ListOf l) {
            bound.put("kind", "list");
            bound.put("values", l.values());
        } else if (s.bound() instanceof ShardBound.Default) {
            bound.put("kind", "default");
        } else {
            bound.put("kind", "other");
        }
        if (s.bytes().isPresent()) {
            o.put("bytes", s.bytes().getAsLong());
        } else {
            o.putNull("bytes");
        }
        if (s.rows().isPresent()) {
            o.put("rows", s.rows().getAsLong());
        } else {
            o.putNull("rows");
        }
        if (s.writesPerSecond().isPresent()) {
            o.put("writesPerSecond", s.writesPerSecond().getAsDouble());
        } else {
            o.putNull("writesPerSecond");
        }
        o.put("problem", s.problem());
    }
}
