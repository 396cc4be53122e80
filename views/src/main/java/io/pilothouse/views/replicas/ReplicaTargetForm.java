package io.pilothouse.views.replicas;

import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.replicas.ReplicaRequest;
import io.pilothouse.services.replicas.ReplicaService;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The target page's form: cluster, host, optional SSH destination, port, data directory, name, upstream and tags,
 * each with a mnemonic, and the request they make with the CLI's defaults (name from host and port, data directory
 * under /var/lib/postgresql/&lt;major&gt;, REST port = port + 2576, role {@code replicator}, OS user {@code postgres}).
 */
final class ReplicaTargetForm {

    private final ClusterSnapshot cluster;
    private final GridPane grid = new GridPane();
    final TextField host = field("replica-host", "127.0.0.1 (the address the upstream's pg_hba sees)");
    final TextField ssh = field("replica-ssh", "[user@]host[:port] or a ~/.ssh/config Host; empty for this machine");
    final TextField port = field("replica-port", "5432");
    final TextField dataDir = field("replica-data-dir", "/var/lib/postgresql/<major>/<name>");
    final TextField name = field("replica-name", "host and port");
    final TextField upstream = field("replica-upstream", "the leader; a member name for a cascade");
    final TextField tags = field("replica-tags", "nofailover,noloadbalance,failover_priority=0");

    ReplicaTargetForm(ClusterSnapshot cluster) {
        this.cluster = cluster;
        port.setText("5432");
        grid.setHgap(10);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints();
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        Label scope = new Label(cluster.scope() + " (" + (ReplicaService.isPatroni(cluster) ? "Patroni"
                : "plain streaming") + ", leader " + (cluster.leader() == null ? "not known yet" : cluster.leader())
                + ")");
        scope.setId("replica-cluster");
        grid.addRow(0, new Label("Cluster"), scope);
        row(1, "_Host", host);
        row(2, "_SSH destination", ssh);
        row(3, "_Port", port);
        row(4, "_Data directory", dataDir);
        row(5, "_Name", name);
        row(6, "_Upstream", upstream);
        row(7, "_Tags", tags);
    }

    Node root() {
        return grid;
    }

    /** The request the fields make; IllegalArgumentException says which field to change. */
    ReplicaRequest request() {
        String h = host.getText().strip();
        int p;
        try {
            p = Integer.parseInt(port.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Port \"" + port.getText() + "\" is not a number; give the new "
                    + "replica's PostgreSQL port, e.g. 5433");
        }
        String n = blank(name) ? (ReplicaService.isPatroni(cluster) ? h.replaceAll("[^A-Za-z0-9]", "_") + "_" + p
                : h + ":" + p) : name.getText().strip();
        String dir = blank(dataDir) ? "/var/lib/postgresql/" + major() + "/" + n.replace(':', '_')
                : dataDir.getText().strip();
        int rest = p + 2576 <= 65535 ? p + 2576 : p - 2576;
        return new ReplicaRequest(h, optional(ssh), p, dir, n, optional(upstream), tagMap(), "replicator",
                "postgres", Optional.empty(), rest, Optional.empty());
    }

    private Map<String, String> tagMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String tag : tags.getText().split(",")) {
            if (tag.isBlank()) {
                continue;
            }
            int eq = tag.indexOf('=');
            out.put(eq < 0 ? tag.strip() : tag.substring(0, eq).strip(), eq < 0 ? "true" : tag.substring(eq + 1).strip());
        }
        return out;
    }

    private String major() {
        return cluster.members().stream().map(Member::postgresVersion).filter(v -> v != null && !v.isBlank())
                .findFirst().map(v -> v.split("\\.")[0]).orElse("15");
    }

    private void row(int index, String text, TextField field) {
        Label label = new Label(text);
        label.setMnemonicParsing(true);
        label.setLabelFor(field);
        grid.addRow(index, label, field);
    }

    private static boolean blank(TextField f) {
        return f.getText() == null || f.getText().isBlank();
    }

    private static Optional<String> optional(TextField f) {
        return blank(f) ? Optional.empty() : Optional.of(f.getText().strip());
    }

    private static TextField field(String id, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        return f;
    }
}
