package io.pilothouse.views.indoubt;

import io.pilothouse.services.indoubt.AdvisedTransaction;
import io.pilothouse.services.indoubt.GidLiteral;
import io.pilothouse.services.model.PreparedBranch;
import javafx.beans.property.ObjectProperty;

import java.util.Map;

/** The statements a resolution will run, per node and database, as the resolve form previews them. */
final class ResolvePreview {

    private ResolvePreview() {
    }

    /** @param user the role to connect as, or null for each branch's owner */
    static String render(AdvisedTransaction transaction, Map<String, ObjectProperty<InDoubtResolveModel.Choice>> choices,
                         String user) {
        StringBuilder b = new StringBuilder();
        choices.forEach((participant, choice) -> {
            PreparedBranch branch = transaction.transaction().branches().get(participant);
            String address = branch.node().host() + ":" + branch.node().port();
            b.append("-- ").append(participant).append(": ").append(branch.node().label())
                    .append(branch.node().label().contains(address) ? "" : " (" + address + ")")
                    .append(", database ").append(branch.database()).append(", as ")
                    .append(user == null ? branch.owner() + " (owner)" : user).append('\n');
            switch (choice.get()) {
                case COMMIT -> b.append(GidLiteral.commit(branch.gid(), true)).append(";\n");
                case ROLLBACK -> b.append(GidLiteral.rollback(branch.gid(), true)).append(";\n");
                case SKIP -> b.append("-- skipped: stays prepared\n");
            }
        });
        return b.toString();
    }
}
