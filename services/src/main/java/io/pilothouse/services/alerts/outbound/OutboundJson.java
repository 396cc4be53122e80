package io.pilothouse.services.alerts.outbound;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.services.alerts.Alert;
import io.pilothouse.services.alerts.AlertEvent;

import java.time.Instant;
import java.util.Collection;

/** The JSON bodies sent out: Alertmanager's API v2 alert list, and the webhook's one event. */
public final class OutboundJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutboundJson() {
    }

    /**
     * {@code POST /api/v2/alerts}'s body: one entry per alert with {@code labels} (alertname = the rule, severity,
     * source, cluster, member when there is one, pilothouse_id), {@code annotations} (summary = the message),
     * {@code startsAt} = since, and {@code endsAt}: the given one (a firing alert's expiry, so that Alertmanager
     * resolves it by itself if Pilothouse stops sending; a cleared alert's clearing time).
     */
    public static String alertmanager(Collection<Alert> alerts, java.util.function.Function<Alert, Instant> endsAt) {
        ArrayNode list = MAPPER.createArrayNode();
        for (Alert a : alerts) {
            ObjectNode entry = list.addObject();
            ObjectNode labels = entry.putObject("labels");
            labels.put("alertname", a.rule().key());
            labels.put("severity", a.severity().label());
            labels.put("source", a.source());
            labels.put("cluster", a.cluster());
            if (a.member() != null) {
                labels.put("member", a.member());
            }
            labels.put("pilothouse_id", a.id());
            entry.putObject("annotations").put("summary", a.message() == null ? a.rule().label() : a.message());
            entry.put("startsAt", a.since().toString());
            Instant end = endsAt.apply(a);
            if (end != null) {
                entry.put("endsAt", end.toString());
            }
        }
        return list.toString();
    }

    /**
     * The webhook's body, one per raised or cleared alert:
     * {@code {"version":1,"workspace":…,"status":"firing"|"resolved","type":"ALERT_RAISED"|"ALERT_CLEARED","at":…,
     * "alert":{"id","severity","rule","source","cluster","member","message","since"}}}; fields are only ever added.
     */
    public static String webhook(String workspace, AlertEvent event) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", 1);
        root.put("workspace", workspace);
        root.put("status", event.type() == AlertEvent.Type.ALERT_RAISED ? "firing" : "resolved");
        root.put("type", event.type().name());
        root.put("at", event.at().toString());
        Alert a = event.alert();
        ObjectNode alert = root.putObject("alert");
        alert.put("id", a.id());
        alert.put("severity", a.severity().label());
        alert.put("rule", a.rule().key());
        alert.put("source", a.source());
        alert.put("cluster", a.cluster());
        alert.put("member", a.member());
        alert.put("message", a.message());
        alert.put("since", a.since().toString());
        return root.toString();
    }
}
