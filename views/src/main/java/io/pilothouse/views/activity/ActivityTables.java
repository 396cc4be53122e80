package io.pilothouse.views.activity;

import io.pilothouse.services.activity.ActivitySession;
import io.pilothouse.services.activity.AdvisoryLock;
import io.pilothouse.services.activity.BlockingTree;
import io.pilothouse.services.activity.SessionState;
import io.pilothouse.services.activity.WaitCount;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;

import java.util.List;
import java.util.function.Function;

/** The activity window's tables: sessions, waits, advisory locks, and the blocking tree. FX thread. */
final class ActivityTables {

    private ActivityTables() {
    }

    static TableView<ActivitySession> sessions() {
        TableView<ActivitySession> t = table("activity-sessions", "No sessions besides ours.");
        t.getColumns().add(text("PID", 70, s -> Integer.toString(s.pid())));
        t.getColumns().add(text("State", 170, s -> s.state() == SessionState.OTHER ? s.backendType()
                : s.state().wireName()));
        t.getColumns().add(text("User", 90, s -> s.user() == null ? "" : s.user()));
        t.getColumns().add(text("Database", 90, s -> s.database() == null ? "" : s.database()));
        t.getColumns().add(text("Application", 150, ActivitySession::application));
        t.getColumns().add(text("Transaction", 110, s -> ActivityFormat.age(s.transactionSeconds())));
        t.getColumns().add(text("In state", 95, s -> ActivityFormat.age(s.stateSeconds())));
        t.getColumns().add(text("Waiting on", 200, ActivitySession::waitText));
        t.getColumns().add(text("Blocked by", 100, s -> String.join(", ", s.blockedBy().stream()
                .map(p -> p == 0 ? "prepared" : Integer.toString(p)).toList())));
        TableColumn<ActivitySession, String> query = text("Query", 420, s -> s.queryLine(300));
        t.getColumns().add(query);
        return t;
    }

    static TableView<WaitCount> waits() {
        TableView<WaitCount> t = table("activity-waits", "Nothing is waiting.");
        t.getColumns().add(text("Wait event", 260, WaitCount::text));
        t.getColumns().add(text("Sessions", 80, w -> Integer.toString(w.count())));
        return t;
    }

    static TableView<AdvisoryLock> advisoryLocks() {
        TableView<AdvisoryLock> t = table("activity-advisory", "No advisory locks held or waited for.");
        t.getColumns().add(text("Key", 140, AdvisoryLock::key));
        t.getColumns().add(text("", 90, l -> l.granted() ? "held by" : "waited for by"));
        t.getColumns().add(text("PID", 70, l -> l.pid() == null ? "prepared" : Integer.toString(l.pid())));
        t.getColumns().add(text("Mode", 110, l -> l.exclusive() ? "exclusive" : "shared"));
        t.getColumns().add(text("Database", 100, l -> l.database() == null ? "" : l.database()));
        t.getColumns().add(text("Waiting", 80, l -> ActivityFormat.age(l.waitingSeconds())));
        return t;
    }

    static TreeView<BlockingTree.Node> blocking() {
        TreeView<BlockingTree.Node> tree = new TreeView<>(new TreeItem<>());
        tree.setId("activity-blocking");
        tree.setShowRoot(false);
        tree.getStyleClass().add(ActivityStyles.TABLE);
        tree.setCellFactory(v -> new javafx.scene.control.TreeCell<>() {
            @Override
            protected void updateItem(BlockingTree.Node n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : describe(n));
            }
        });
        return tree;
    }

    /** Shows {@code roots} in {@code tree}, every level expanded. */
    static void showBlocking(TreeView<BlockingTree.Node> tree, List<BlockingTree.Node> roots) {
        TreeItem<BlockingTree.Node> root = new TreeItem<>();
        roots.forEach(n -> root.getChildren().add(item(n)));
        tree.setRoot(root);
    }

    private static TreeItem<BlockingTree.Node> item(BlockingTree.Node n) {
        TreeItem<BlockingTree.Node> i = new TreeItem<>(n);
        i.setExpanded(true);
        n.children().forEach(c -> i.getChildren().add(item(c)));
        return i;
    }

    static String describe(BlockingTree.Node n) {
        StringBuilder b = new StringBuilder(n.label());
        ActivitySession s = n.session();
        if (s != null) {
            if (s.blocked()) {
                b.append(" · waiting ").append(ActivityFormat.age(s.stateSeconds()));
            } else if (s.transactionSeconds() != null) {
                b.append(" · transaction ").append(ActivityFormat.age(s.transactionSeconds()));
            }
            b.append(" · ").append(s.queryLine(80));
        }
        if (!n.children().isEmpty()) {
            b.append("  — blocks ").append(n.waitingBehind()).append(n.waitingBehind() == 1 ? " session"
                    : " sessions");
        }
        return b.toString();
    }

    private static <T> TableView<T> table(String id, String placeholder) {
        TableView<T> t = new TableView<>();
        t.setId(id);
        t.getStyleClass().add(ActivityStyles.TABLE);
        t.setPlaceholder(new Label(placeholder));
        t.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        return t;
    }

    private static <T> TableColumn<T, String> text(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue() == null ? "" : value.apply(d.getValue())));
        return c;
    }
}
