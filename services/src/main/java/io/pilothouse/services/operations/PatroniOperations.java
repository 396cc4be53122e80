package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateFeed;
import io.pilothouse.services.model.Member;
import io.pilothouse.services.patroni.PatroniAnswer;
import io.pilothouse.services.patroni.PatroniAuthLookup;
import io.pilothouse.services.patroni.PatroniJson;
import io.pilothouse.services.patroni.PatroniRestClient;
import io.pilothouse.services.patroni.PatroniUnavailableException;
import io.pilothouse.services.policy.AuditTrail;
import io.pilothouse.services.policy.MutationRefusedException;
import io.pilothouse.services.policy.MutationRequest;
import io.pilothouse.services.policy.OperationGuard;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Patroni's member and cluster operations: restart (now or scheduled, with filters), cancel a scheduled restart,
 * reload, reinitialise a replica, pause and resume, and dynamic configuration edits. Every one runs inside the
 * {@link OperationGuard} (read-only refusal, audit record with every Patroni answer), explains Patroni's error answers
 * in words, and then verifies the outcome — in the live model, or in Patroni's own answers where the model does not
 * carry it — within a timeout, reporting progress lines to the caller as it waits.
 *
 * <p>Methods block the calling thread (never call them on the UI thread) and throw:
 * {@link io.pilothouse.services.policy.ReadOnlyWorkspaceException} or {@link MutationRefusedException} when the
 * operation was not sent (read-only, invalid input, a pre-check said no), {@link OperationFailedException} when it
 * was sent and failed or its outcome was not seen in time.
 */
public final class PatroniOperations {

    private final OperationGuard guard;
    private final PatroniRestClient rest;
    private final EstateFeed feed;
    private final PatroniAuthLookup auth;
    private final OperationTimeouts timeouts;
    private final LeaderSettings leaderSettings;

    /**
     * @param auth REST credentials for Patroni's unsafe endpoints per member URL ({@link PatroniAuthLookup#NONE} when none)
     */
    public PatroniOperations(OperationGuard guard, PatroniRestClient rest, EstateFeed feed, PatroniAuthLookup auth,
                             OperationTimeouts timeouts) {
        this(guard, rest, feed, auth, timeouts, LeaderSettings.NONE);
    }

    /**
     * As the other constructor, with configuration changes checked against the leader's {@code pg_settings}, read
     * through {@code leaderSettings}.
     */
    public PatroniOperations(OperationGuard guard, PatroniRestClient rest, EstateFeed feed, PatroniAuthLookup auth,
                             OperationTimeouts timeouts, LeaderSettings leaderSettings) {
        this.leaderSettings = leaderSettings == null ? LeaderSettings.NONE : leaderSettings;
        this.guard = Objects.requireNonNull(guard, "guard");
        this.rest = Objects.requireNonNull(rest, "rest");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.auth = auth == null ? PatroniAuthLookup.NONE : auth;
        this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
    }

    /** True when every operation will be refused. */
    public boolean isReadOnly() {
        return guard.isReadOnly();
    }

    // ---------------------------------------------------------------- restart

    /**
     * Restarts PostgreSQL on {@code member} now, or schedules it ({@link RestartOptions#at()}). A restart now is
     * verified by the member running again with a new postmaster start time and no restart pending; a scheduled one
     * by the member reporting it in {@code GET /patroni}.
     */
    public OperationResult restart(ClusterSnapshot cluster, String member, RestartOptions options,
                                   Consumer<String> progress) throws Exception {
        RestartOptions opts = options == null ? RestartOptions.NOW : options;
        Map<String, String> params = new LinkedHashMap<>();
        if (opts.pendingOnly()) {
            params.put("pendingOnly", "true");
        }
        if (opts.role() != null) {
            params.put("role", opts.role().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (opts.at() != null) {
            params.put("at", opts.at().toString());
        }
        MutationRequest request = new MutationRequest("restart", clusterId(cluster), member, params);
        return guard.run(request, cluster, trail -> {
            Member m = requireMember(request, cluster, member, trail);
            if (opts.at() != null && cluster.paused()) {
                trail.check("cluster.paused", "fail", "Patroni cannot schedule a restart in maintenance mode");
                throw new MutationRefusedException(request, "restart of " + member + " refused: the cluster is paused "
                        + "and Patroni cannot schedule restarts in maintenance mode; resume it, or restart now", null);
            }
            if (opts.at() != null && opts.at().isBefore(OffsetDateTime.now())) {
                trail.check("schedule.future", "fail", opts.at().toString());
                throw new MutationRefusedException(request, "restart of " + member + " refused: " + opts.at()
                        + " is in the past; give a future time with a time zone", null);
            }
            if (opts.pendingOnly() && !m.pendingRestart()) {
                trail.check("member.pendingRestart", "fail", member + " has no pending restart");
                throw new MutationRefusedException(request, "restart of " + member + " not needed: it has no pending"
                        + " restart (leave out the pending-only option to restart anyway)", null);
            }
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            if (opts.pendingOnly()) {
                // Patroni 3.0.2 tests only that the key is present: {"restart_pending": false} still filters.
                body.put("restart_pending", true);
            }
            if (opts.role() != null) {
                body.put("role", roleName(opts.role(), m));
            }
            if (opts.at() != null) {
                body.put("schedule", opts.at().toString());
            }
            String startBefore = postmasterStart(m.apiUrl());
            progress.accept((opts.at() == null ? "Restarting " : "Scheduling a restart of ") + member + " …");
            long sent = System.nanoTime();
            PatroniAnswer answer = command("restart", member, trail, "POST", m.apiUrl(), "/restart",
                    body.size() == 0 ? null : body.toString());
            Duration commandTime = since(sent);
            long verifyStart = System.nanoTime();
            String verified;
            if (opts.at() != null) {
                JsonNode status = Await.value(() -> node(m.apiUrl()), s -> s.has("scheduled_restart"),
                        timeouts.verify());
                if (status == null) {
                    throw failed(trail, "Patroni answered \"" + answer.body() + "\" but " + member + " does not "
                            + "report a scheduled restart; look at it with GET /patroni");
                }
                verified = member + " reports a restart scheduled for "
                        + status.path("scheduled_restart").path("schedule").asText();
            } else {
                progress.accept("Patroni answered " + answer.status() + " " + answer.body() + "; waiting for "
                        + member + " to show running in the live model …");
                awaitMember(cluster, member, progress, trail, "running with no restart pending", mm ->
                        mm.state().isHealthy() && !mm.pendingRestart()
                                && restartedSince(startBefore, mm));
                verified = member + " running again with a new postmaster start time, no restart pending";
            }
            return result(trail, request, List.of(answer), verified, commandTime, since(verifyStart));
        });
    }

    /** Cancels a scheduled restart of {@code member} ({@code DELETE /restart}); verified in {@code GET /patroni}. */
    public OperationResult cancelScheduledRestart(ClusterSnapshot cluster, String member, Consumer<String> progress)
            throws Exception {
        MutationRequest request = MutationRequest.of("restart.cancel", clusterId(cluster), member);
        return guard.run(request, cluster, trail -> {
            Member m = requireMember(request, cluster, member, trail);
            progress.accept("Cancelling the scheduled restart of " + member + " …");
            long sent = System.nanoTime();
            PatroniAnswer answer = command("cancel restart", member, trail, "DELETE", m.apiUrl(), "/restart", null);
            Duration commandTime = since(sent);
            long verifyStart = System.nanoTime();
            if (Await.value(() -> node(m.apiUrl()), s -> !s.has("scheduled_restart"), timeouts.verify()) == null) {
                throw failed(trail, member + " still reports a scheduled restart after Patroni answered \""
                        + answer.body() + "\"; look at it with GET /patroni");
            }
            return result(trail, request, List.of(answer), member + " reports no scheduled restart", commandTime,
                    since(verifyStart));
        });
    }

    // ---------------------------------------------------------------- reload

    /**
     * Makes Patroni re-read its configuration file and reload PostgreSQL ({@code POST /reload}) on {@code member},
     * or on every member when it is null. Verified by each member still running afterwards; whether a restart is now
     * pending is reported.
     */
    public OperationResult reload(ClusterSnapshot cluster, String member, Consumer<String> progress)
            throws Exception {
        String target = member == null ? "all members" : member;
        MutationRequest request = MutationRequest.of("reload", clusterId(cluster), target);
        return guard.run(request, cluster, trail -> {
            List<Member> members = new ArrayList<>();
            if (member == null) {
                members.addAll(cluster.members());
            } else {
                members.add(requireMember(request, cluster, member, trail));
            }
            List<PatroniAnswer> answers = new ArrayList<>();
            long sent = System.nanoTime();
            for (Member m : members) {
                if (m.apiUrl() == null) {
                    trail.check("member.apiUrl", "fail", m.name() + " has no REST URL");
                    throw failed(trail, "reload of " + m.name() + " not sent: its Patroni REST URL is not known");
                }
                progress.accept("Reloading " + m.name() + " …");
                answers.add(command("reload", m.name(), trail, "POST", m.apiUrl(), "/reload", null));
            }
            Duration commandTime = since(sent);
            long verifyStart = System.nanoTime();
            List<String> names = members.stream().map(Member::name).toList();
            ClusterSnapshot after = awaitCluster(cluster, c -> names.stream()
                    .allMatch(n -> c.member(n).map(mm -> mm.state().isHealthy()).orElse(false)));
            if (after == null) {
                throw failed(trail, "reload was accepted but not every member shows running within "
                        + timeouts.verify().toSeconds() + " s; look at the members' Patroni logs");
            }
            List<String> pending = names.stream()
                    .filter(n -> after.member(n).map(Member::pendingRestart).orElse(false)).toList();
            trail.result("pendingRestart", pending.isEmpty() ? "none" : String.join(",", pending));
            String verified = String.join(", ", names) + " running after reload"
                    + (pending.isEmpty() ? "; no restart pending" : "; restart now pending on " + pending);
            return result(trail, request, answers, verified, commandTime, since(verifyStart));
        });
    }

    // ---------------------------------------------------------------- reinitialize

    /**
     * Rebuilds the replica {@code member} from the leader ({@code POST /reinitialize}). Refused on the leader.
     * Verified by the member running again with a new postmaster start time and streaming from the leader (when the
     * model reads SQL; otherwise running).
     *
     * @param force cancel whatever Patroni is doing on the member first
     */
    public OperationResult reinitialize(ClusterSnapshot cluster, String member, boolean force,
                                        Consumer<String> progress) throws Exception {
        MutationRequest request = new MutationRequest("reinitialize", clusterId(cluster), member,
                force ? Map.of("force", "true") : Map.of());
        return guard.run(request, cluster, trail -> {
            Member m = requireMember(request, cluster, member, trail);
            if (member.equals(cluster.leader()) || m.role().isLeaderLike()) {
                trail.check("member.role", "fail", member + " is the leader");
                throw new MutationRefusedException(request, "reinitialize of " + member + " refused: it is the "
                        + "leader, and reinitialising wipes a member's data to copy it from the leader; switch over "
                        + "to another member first if " + member + " really needs rebuilding", null);
            }
            if (cluster.leader() == null) {
                trail.check("cluster.leader", "fail", "no leader");
                throw new MutationRefusedException(request, "reinitialize of " + member + " refused: the cluster "
                        + "has no leader to copy from; fix the leader first", null);
            }
            trail.check("member.role", "pass", m.role().label());
            String startBefore = postmasterStart(m.apiUrl());
            // With SQL reads the model knows the replication state; then only "streaming" counts as rebuilt.
            boolean sqlKnown = m.replicationState() != null;
            progress.accept("Reinitialising " + member + " from " + cluster.leader() + " …");
            long sent = System.nanoTime();
            ObjectNode body = JsonNodeFactory.instance.objectNode().put("force", force);
            PatroniAnswer answer = command("reinitialize", member, trail, "POST", m.apiUrl(), "/reinitialize",
                    body.toString());
            Duration commandTime = since(sent);
            long verifyStart = System.nanoTime();
            progress.accept("Patroni answered " + answer.status() + " " + answer.body() + "; waiting for " + member
                    + " to be rebuilt and streaming …");
            Member after = awaitMember(cluster, member, progress, trail, "rebuilt and streaming", mm ->
                    mm.state().isHealthy()
                            && (sqlKnown ? "streaming".equals(mm.replicationState()) : true)
                            && restartedSince(startBefore, mm));
            String verified = member + (after.replicationState() == null
                    ? " running again with a new postmaster start time (replication state not read: no SQL source)"
                    : " rebuilt, running and streaming from the leader");
            return result(trail, request, List.of(answer), verified, commandTime, since(verifyStart));
        });
    }

    // ---------------------------------------------------------------- pause / resume

    /** Puts the cluster in maintenance mode ({@code PATCH /config {"pause": true}}); verified in the live model. */
    public OperationResult pause(ClusterSnapshot cluster, Consumer<String> progress) throws Exception {
        return setPause(cluster, true, progress);
    }

    /** Takes the cluster out of maintenance mode; verified in the live model. */
    public OperationResult resume(ClusterSnapshot cluster, Consumer<String> progress) throws Exception {
        return setPause(cluster, false, progress);
    }

    private OperationResult setPause(ClusterSnapshot cluster, boolean pause, Consumer<String> progress)
            throws Exception {
        String action = pause ? "pause" : "resume";
        MutationRequest request = MutationRequest.of(action, clusterId(cluster), cluster.scope());
        return guard.run(request, cluster, trail -> {
            String url = commandUrl(request, cluster, trail);
            trail.check("cluster.paused", "info", "before: " + cluster.paused());
            progress.accept((pause ? "Pausing " : "Resuming ") + cluster.scope() + " …");
            long sent = System.nanoTime();
            PatroniAnswer answer = command(action, cluster.scope(), trail, "PATCH", url, "/config",
                    JsonNodeFactory.instance.objectNode().put("pause", pause).toString());
            Duration commandTime = since(sent);
            long verifyStart = System.nanoTime();
            progress.accept("Patroni answered " + answer.status() + "; waiting for the live model to show the cluster "
                    + (pause ? "paused" : "managed again") + " …");
            if (awaitCluster(cluster, c -> c.paused() == pause) == null) {
                throw failed(trail, "Patroni accepted " + action + " but the live model did not show the cluster "
                        + (pause ? "paused" : "resumed") + " within " + timeouts.verify().toSeconds()
                        + " s; Patroni applies it on its next loop — check that the members' Patroni is running");
            }
            return result(trail, request, List.of(answer), "the live model shows " + cluster.scope()
                    + (pause ? " paused (maintenance mode)" : " no longer paused"), commandTime, since(verifyStart));
        });
    }

    // ---------------------------------------------------------------- dynamic configuration

    /** {@code GET /config} of the cluster, from the leader if it has a REST URL, else from any member. */
    public JsonNode readConfig(ClusterSnapshot cluster) throws InterruptedException {
        String url = restUrls(cluster).stream().findFirst().orElseThrow(() -> new OperationFailedException(
                "no member of " + cluster.scope() + " has a known Patroni REST URL; cannot read its configuration"));
        return config(url);
    }

    /** What {@code changes} (dotted key → value, null removes) would do, without sending anything. */
    public ConfigPreview previewConfig(ClusterSnapshot cluster, Map<String, JsonNode> changes)
            throws InterruptedException {
        String url = restUrls(cluster).stream().findFirst().orElseThrow(() -> new OperationFailedException(
                "no member of " + cluster.scope() + " has a known Patroni REST URL; cannot read its configuration"));
        JsonNode current = config(url);
        ConfigDiff diff = ConfigDiff.of(current, changes);
        List<String> problems = new ArrayList<>(ConfigValidation.problems(diff.applyTo(current),
                patroniVersion(cluster, url)));
        PgSettingsCatalog settings = null;
        if (ParameterChecks.needsCatalog(changes)) {
            try {
                settings = leaderSettings.read(cluster);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                problems.add("the PostgreSQL parameter names and values cannot be checked: pg_settings of the "
                        + "leader could not be read (" + e.getMessage() + "); try again when the leader answers SQL");
            }
            if (settings != null) {
                problems.addAll(ParameterChecks.problems(changes, settings));
            }
        }
        return new ConfigPreview(current, diff, problems, url, settings);
    }

    /**
     * Changes the dynamic configuration: reads it, works out the diff, refuses invalid results (without calling
     * Patroni's PATCH), sends only the changed keys, and verifies {@code GET /config} shows them. An edit that
     * changes nothing sends nothing.
     */
    public OperationResult editConfig(ClusterSnapshot cluster, Map<String, JsonNode> changes,
                                      Consumer<String> progress) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        changes.forEach((k, v) -> params.put(k, v == null ? "null" : v.toString()));
        MutationRequest request = new MutationRequest("config", clusterId(cluster), cluster.scope(), params);
        return guard.run(request, cluster, trail -> {
            ConfigPreview preview;
            try {
                preview = previewConfig(cluster, changes);
            } catch (IllegalArgumentException e) {
                trail.check("config.keys", "fail", e.getMessage());
                throw new MutationRefusedException(request, "configuration change refused: " + e.getMessage(), e);
            }
            trail.result("diff", preview.diff().summary());
            if (!preview.isValid()) {
                preview.problems().forEach(p -> trail.check("config.valid", "fail", p));
                throw new MutationRefusedException(request, "configuration change refused, nothing was sent: "
                        + String.join("; ", preview.problems()), null);
            }
            trail.check("config.valid", "pass", null);
            if (preview.diff().isEmpty()) {
                progress.accept("Nothing to change: every key already has the value asked for.");
                return result(trail, request, List.of(), "no change needed; nothing sent", Duration.ZERO,
                        Duration.ZERO);
            }
            progress.accept("Changing " + preview.diff().summary() + " …");
            long sent = System.nanoTime();
            PatroniAnswer answer = command("configuration change", cluster.scope(), trail, "PATCH",
                    preview.readFrom(), "/config", preview.diff().patch().toString());
            Duration commandTime = since(sent);
            long verifyStart = System.nanoTime();
            List<String> urls = restUrls(cluster);
            JsonNode shown = Await.value(() -> config(urls.get(urls.size() - 1)), preview.diff()::isShownBy,
                    timeouts.verify());
            if (shown == null) {
                throw failed(trail, "Patroni accepted the change but GET /config does not show it within "
                        + timeouts.verify().toSeconds() + " s; read it again with 'config show'");
            }
            return result(trail, request, List.of(answer), "GET /config shows " + preview.diff().summary(),
                    commandTime, since(verifyStart));
        });
    }

    // ---------------------------------------------------------------- helpers

    private static String clusterId(ClusterSnapshot cluster) {
        return cluster.source() + "/" + cluster.scope();
    }

    private static Member requireMember(MutationRequest request, ClusterSnapshot cluster, String name,
                                        AuditTrail trail) {
        Member m = cluster.member(name).orElse(null);
        if (m == null) {
            trail.check("member.exists", "fail", name);
            throw new MutationRefusedException(request, request.action() + " refused: " + cluster.scope()
                    + " has no member called '" + name + "'; members are "
                    + cluster.members().stream().map(Member::name).toList(), null);
        }
        if (m.apiUrl() == null) {
            trail.check("member.apiUrl", "fail", "unknown");
            throw new MutationRefusedException(request, request.action() + " of " + name + " refused: its Patroni "
                    + "REST URL is not known yet; wait for the live model to read it", null);
        }
        trail.check("member.exists", "pass", m.apiUrl());
        return m;
    }

    /** Leader first: cluster-wide commands go to the member most likely to have the freshest DCS view. */
    private static List<String> restUrls(ClusterSnapshot cluster) {
        return cluster.members().stream().map(Member::apiUrl).filter(Objects::nonNull).toList();
    }

    private static String commandUrl(MutationRequest request, ClusterSnapshot cluster, AuditTrail trail) {
        List<String> urls = restUrls(cluster);
        if (urls.isEmpty()) {
            trail.check("cluster.apiUrl", "fail", "no member has a REST URL");
            throw new MutationRefusedException(request, request.action() + " of " + cluster.scope() + " refused: "
                    + "no member's Patroni REST URL is known yet", null);
        }
        return urls.get(0);
    }

    /** Patroni 3.x compares the role filter with its internal {@code master}; 4.x accepts only {@code primary}. */
    static String roleName(RestartOptions.Role role, Member m) {
        if (role == RestartOptions.Role.REPLICA) {
            return "replica";
        }
        String v = m.patroniVersion();
        boolean before4 = v != null && !v.isBlank() && Character.isDigit(v.charAt(0))
                && Integer.parseInt(v.split("\\.")[0]) < 4;
        return before4 ? "master" : "primary";
    }

    private PatroniAnswer command(String action, String target, AuditTrail trail, String method, String url,
                                  String path, String body) throws InterruptedException {
        PatroniAnswer answer = await(rest.send(method, url, path, body, auth.forUrl(url), timeouts.command()),
                timeouts.command().plusSeconds(5), action + " on " + target, trail);
        trail.response(answer.describe());
        if (!answer.isSuccess()) {
            throw new OperationFailedException(PatroniAnswers.explain(action, target, answer));
        }
        return answer;
    }

    private <T> T await(CompletableFuture<T> future, Duration timeout, String what, AuditTrail trail)
            throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String msg = cause instanceof PatroniUnavailableException ? cause.getMessage() : String.valueOf(cause);
            if (trail != null) {
                trail.response(msg);
            }
            throw new OperationFailedException(what + ": no answer from Patroni: " + msg
                    + "; whether it was done is unknown, look at the cluster before trying again", cause);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new OperationFailedException(what + ": Patroni did not answer within " + timeout.toSeconds()
                    + " s; whether it was done is unknown, look at the cluster before trying again", e);
        }
    }

    private JsonNode config(String url) throws InterruptedException {
        String body = await(rest.get(url, "/config"), timeouts.command(), "reading the configuration", null);
        return PatroniJson.parseObject(body, "GET /config");
    }

    /**
     * The version the member at {@code url} reports in {@code GET /patroni} (what decides which values its
     * configuration accepts), else the lowest version the live model knows for the cluster, else null.
     */
    private String patroniVersion(ClusterSnapshot cluster, String url) throws InterruptedException {
        try {
            JsonNode version = node(url).path("patroni").path("version");
            if (version.isTextual() && !version.asText().isBlank()) {
                return version.asText();
            }
        } catch (OperationFailedException | io.pilothouse.services.patroni.PatroniFormatException e) {
            // fall back to the model below
        }
        return cluster.members().stream().map(Member::patroniVersion).filter(v -> v != null && !v.isBlank())
                .min(java.util.Comparator.comparingInt(ConfigValidation::major)).orElse(null);
    }

    private JsonNode node(String url) throws InterruptedException {
        String body = await(rest.get(url, "/patroni"), timeouts.command(), "reading the member's status", null);
        return PatroniJson.parseObject(body, "GET /patroni");
    }

    /**
     * True when the member reports a postmaster start time other than {@code before}. While PostgreSQL is down
     * Patroni reports none, and the model may still show the member as it was, so "none" never counts.
     */
    private boolean restartedSince(String before, Member m) {
        String now = postmasterStart(m.apiUrl());
        return now != null && !now.equals(before);
    }

    /** The postmaster start time the member reports, or null when it cannot be read (PostgreSQL down). */
    private String postmasterStart(String url) {
        try {
            JsonNode n = node(url);
            return n.hasNonNull("postmaster_start_time") ? n.get("postmaster_start_time").asText() : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ClusterSnapshot awaitCluster(ClusterSnapshot cluster, Predicate<ClusterSnapshot> done)
            throws InterruptedException {
        return LiveWait.until(feed, cluster.source(), cluster.scope(), timeouts.verify(), done, c -> { });
    }

    /** Waits for {@code member} to satisfy {@code done}, reporting each change of its state as a progress line. */
    private Member awaitMember(ClusterSnapshot cluster, String member, Consumer<String> progress, AuditTrail trail,
                               String what, Predicate<Member> done) throws InterruptedException {
        String[] last = {null};
        long start = System.nanoTime();
        ClusterSnapshot c = LiveWait.until(feed, cluster.source(), cluster.scope(), timeouts.verify(),
                s -> s.member(member).map(done::test).orElse(false),
                s -> {
                    String now = s.member(member).map(PatroniOperations::describe).orElse(member + ": not listed");
                    if (!now.equals(last[0])) {
                        last[0] = now;
                        progress.accept(String.format(java.util.Locale.ROOT, "  %5.1f s  %s",
                                (System.nanoTime() - start) / 1e9, now));
                    }
                });
        if (c == null) {
            throw failed(trail, member + " was not " + what + " within " + timeouts.verify().toSeconds()
                    + " s (last seen: " + last[0] + "); look at its Patroni and PostgreSQL logs");
        }
        return c.member(member).orElseThrow();
    }

    private static String describe(Member m) {
        return m.name() + ": " + m.state().label() + (m.replicationState() == null ? "" : ", " + m.replicationState())
                + (m.pendingRestart() ? ", restart pending" : "");
    }

    private static OperationFailedException failed(AuditTrail trail, String message) {
        trail.result("verified", "false");
        return new OperationFailedException(message);
    }

    private static OperationResult result(AuditTrail trail, MutationRequest request, List<PatroniAnswer> answers,
                                          String verified, Duration commandTime, Duration verifyTime) {
        trail.result("verified", verified);
        trail.result("commandMs", Long.toString(commandTime.toMillis()));
        trail.result("verifyMs", Long.toString(verifyTime.toMillis()));
        return new OperationResult(request.action(), request.cluster(), request.target(),
                answers.stream().map(PatroniAnswer::describe).toList(), verified, commandTime, verifyTime);
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }

    /** Polls a Patroni read until it satisfies a condition (for outcomes the live model does not carry). */
    private static final class Await {
        interface Read<T> {
            T get() throws InterruptedException;
        }

        static <T> T value(Read<T> read, Predicate<T> done, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                try {
                    T v = read.get();
                    if (done.test(v)) {
                        return v;
                    }
                } catch (OperationFailedException | io.pilothouse.services.patroni.PatroniFormatException e) {
                    // a member briefly unreachable while it applies the change; try again until the deadline
                }
                if (System.nanoTime() >= deadline) {
                    return null;
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        }
    }
}
