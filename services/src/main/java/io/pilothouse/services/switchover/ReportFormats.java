package io.pilothouse.services.switchover;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/**
 * The check matrix and the report as text for people (Markdown, which also reads well in a terminal) and as JSON
 * for scripts. Field names in the JSON are stable: scripts and tickets keep them.
 */
public final class ReportFormats {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFormats() {
    }

    /** The matrix as JSON. */
    public static ObjectNode json(CheckMatrix m) {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", m.source());
        root.put("cluster", m.scope());
        root.put("kind", m.kind().word());
        root.put("leader", m.leader());
        if (m.timeline() != null) {
            root.put("timeline", m.timeline());
        }
        root.put("checkedAt", m.checkedAt().toString());
        ArrayNode rows = root.putArray("candidates");
        for (CandidateChecks row : m.rows()) {
            rows.add(json(row));
        }
        return root;
    }

    private static ObjectNode json(CandidateChecks row) {
        ObjectNode r = JSON.createObjectNode();
        r.put("candidate", row.candidate());
        r.put("verdict", row.verdict().word());
        r.put("eligible", row.eligible());
        ArrayNode checks = r.putArray("checks");
        for (CheckResult c : row.results()) {
            checks.addObject().put("id", c.check().id()).put("verdict", c.verdict().word()).put("reason", c.reason());
        }
        return r;
    }

    /** The report as JSON. */
    public static ObjectNode json(SwitchoverReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("kind", r.request().kind().word());
        root.put("source", r.request().source());
        root.put("cluster", r.request().scope());
        root.put("candidate", r.request().candidate());
        if (r.request().scheduledAt() != null) {
            root.put("scheduledAt", r.request().scheduledAt().toString());
        }
        root.put("outcome", r.outcome().word());
        root.put("allGreen", r.allGreen());
        root.put("summary", r.summary());
        root.put("startedAt", r.startedAt().toString());
        root.put("oldLeader", r.oldLeader());
        root.put("newLeader", r.newLeader());
        root.put("totalMs", r.total().toMillis());
        if (r.predictedLossBytes() != null) {
            root.put("predictedLossBytes", r.predictedLossBytes());
        }
        ObjectNode writes = root.putObject("writes");
        writes.put("measured", r.writes().measured());
        if (r.writes().measured()) {
            writes.put("unavailableMs", r.writes().unavailable().toMillis());
            writes.put("writes", r.writes().writes());
            writes.put("failedAttempts", r.writes().failures());
            writes.put("primaryChanges", r.writes().primaryChanges());
        }
        ArrayNode verification = root.putArray("verification");
        r.verification().forEach(v -> verification.addObject().put("id", v.id()).put("title", v.title())
                .put("verdict", v.verdict().word()).put("detail", v.detail()));
        ArrayNode steps = root.putArray("steps");
        r.steps().forEach(s -> steps.addObject().put("afterMs", s.after().toMillis()).put("text", s.text()));
        ArrayNode responses = root.putArray("responses");
        r.responses().forEach(responses::add);
        if (r.checks() != null) {
            root.set("checks", json(r.checks()));
        }
        return root;
    }

    /** Pretty JSON text. */
    public static String jsonText(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The matrix as a Markdown table: one row per candidate, one column per check, then the reasons. */
    public static String markdown(CheckMatrix m) {
        StringBuilder out = new StringBuilder();
        out.append("## Pre-checks: ").append(m.kind().word()).append(" of ").append(m.scope()).append(" (leader ")
                .append(m.leader() == null ? "none" : m.leader()).append(", timeline ")
                .append(m.timeline() == null ? "?" : m.timeline()).append(")\n\n");
        for (CandidateChecks row : m.rows()) {
            out.append("### ").append(row.candidate()).append(": ").append(row.eligible()
                    ? row.verdict() == Verdict.PASS ? "eligible" : "eligible, with warnings" : "not eligible")
                    .append("\n\n| check | verdict | reason |\n|---|---|---|\n");
            for (CheckResult c : row.results()) {
                out.append("| ").append(c.check().id()).append(" | ").append(mark(c.verdict())).append(" | ")
                        .append(cell(c.reason())).append(" |\n");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The report as Markdown. */
    public static String markdown(SwitchoverReport r) {
        StringBuilder out = new StringBuilder();
        out.append("# ").append(capitalise(r.request().kind().word())).append(" of ").append(r.request().scope())
                .append(" to ").append(r.request().candidate()).append(": ").append(r.outcome().word())
                .append("\n\n").append(r.summary()).append("\n\n");
        out.append("- started: ").append(r.startedAt()).append('\n');
        out.append("- leader: ").append(r.oldLeader() == null ? "none" : r.oldLeader()).append(" → ")
                .append(r.newLeader() == null ? "none" : r.newLeader()).append('\n');
        out.append("- total: ").append(millis(r.total().toMillis())).append('\n');
        if (r.writes().measured() && r.writes().everWrote()) {
            out.append("- write unavailability: ").append(millis(r.writes().unavailable().toMillis()))
                    .append(" (longest gap between acknowledged writes; ").append(r.writes().writes())
                    .append(" writes, ").append(r.writes().failures()).append(" failed attempts)\n");
        }
        if (r.predictedLossBytes() != null) {
            out.append("- predicted data loss at promotion: ").append(PreChecks.bytes(r.predictedLossBytes()))
                    .append(" behind the last known leader position\n");
        }
        if (!r.verification().isEmpty()) {
            out.append("\n## Verification\n\n| | check | detail |\n|---|---|---|\n");
            for (VerificationItem v : r.verification()) {
                out.append("| ").append(mark(v.verdict())).append(" | ").append(cell(v.title())).append(" | ")
                        .append(cell(v.detail())).append(" |\n");
            }
        }
        if (!r.steps().isEmpty()) {
            out.append("\n## Progress\n\n");
            r.steps().forEach(s -> out.append("    ").append(s.describe()).append('\n'));
        }
        if (!r.responses().isEmpty()) {
            out.append("\n## Patroni's answers\n\n");
            r.responses().forEach(s -> out.append("- ").append(s).append('\n'));
        }
        if (r.checks() != null) {
            List<CheckResult> notable = r.checks().results().stream().filter(c -> c.verdict() != Verdict.PASS)
                    .toList();
            out.append("\n## Pre-checks for ").append(r.checks().candidate()).append("\n\n");
            if (notable.isEmpty()) {
                out.append("All ").append(r.checks().results().size()).append(" checks passed.\n");
            } else {
                notable.forEach(c -> out.append("- ").append(mark(c.verdict())).append(' ').append(c.check().id())
                        .append(": ").append(c.reason()).append('\n'));
            }
        }
        return out.toString();
    }

    private static String mark(Verdict v) {
        return switch (v) {
            case PASS -> "pass";
            case WARN -> "WARN";
            case FAIL -> "FAIL";
        };
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String millis(long ms) {
        return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static String capitalise(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
