package io.pilothouse.services.workspace;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where alerts go outside the app, as written under the workspace's optional top-level {@code outbound:} key. No
 * secret here: a target's password or bearer token comes from pgpass (database {@code alertmanager} or
 * {@code webhook}, the target's host and port) or the OS keyring.
 *
 * <pre>
 * outbound:
 *   alertmanager:
 *     url: https://am.example.net:9093     # POST {url}/api/v2/alerts
 *     user: pilothouse                     # optional; auth: basic (default) or bearer
 *     cacert: /etc/pilothouse/tls/ca.crt   # optional; else the JDK's trust store. Always verified.
 *     resendSeconds: 60                    # firing alerts are sent again this often
 *   webhook:
 *     url: https://hooks.example.net/pilothouse
 *     queue: 1000                          # events waiting at most; the oldest is dropped (and counted) past it
 *     maxAttempts: 6                       # per event, with exponential back-off (1 s, 2 s, 4 s … at most 60 s)
 * </pre>
 *
 * @param alertmanager an Alertmanager (API v2), or null
 * @param webhook      a generic JSON webhook, or null
 */
public record OutboundConfig(Target alertmanager, Target webhook) {

    /**
     * One receiver.
     *
     * @param url           http(s) URL; for Alertmanager its base ({@code /api/v2/alerts} is appended)
     * @param user          the login whose secret is looked up, or null for no authentication
     * @param auth          {@code basic} (default when a user is set) or {@code bearer} (the secret is the token)
     * @param cacert        PEM CA file for an https URL, or null for the JDK's trust store
     * @param resendSeconds how often firing alerts are sent again (Alertmanager), or null for 60
     * @param queue         how many deliveries may wait, or null for 1000
     * @param maxAttempts   attempts per delivery before it is given up, or null for 6
     */
    public record Target(String url, String user, String auth, String cacert, Integer resendSeconds, Integer queue,
                         Integer maxAttempts) {

        /** Whether the secret is sent as {@code Authorization: Bearer}. */
        public boolean bearer() {
            return auth != null && auth.trim().toLowerCase(Locale.ROOT).equals("bearer");
        }

        public int resendSecondsOrDefault() {
            return resendSeconds == null ? 60 : resendSeconds;
        }

        public int queueOrDefault() {
            return queue == null ? 1000 : queue;
        }

        public int maxAttemptsOrDefault() {
            return maxAttempts == null ? 6 : maxAttempts;
        }

        void problems(String where, List<String> out) {
            if (url == null || url.isBlank()) {
                out.add(where + ".url is missing; e.g. url: http://127.0.0.1:9093");
            } else {
                try {
                    URI u = new URI(url.trim());
                    if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                        out.add(where + ".url '" + url + "' is not an http:// or https:// URL with a host");
                    }
                    if (u.getUserInfo() != null) {
                        out.add(where + ".url carries a user or password; remove it and set " + where
                                + ".user (the secret goes in pgpass or the keyring)");
                    }
                } catch (java.net.URISyntaxException e) {
                    out.add(where + ".url '" + url + "' is not a URL: " + e.getReason());
                }
            }
            if (auth != null && !auth.isBlank() && !bearer()
                    && !auth.trim().toLowerCase(Locale.ROOT).equals("basic")) {
                out.add(where + ".auth is '" + auth + "'; use basic or bearer");
            }
            if (auth != null && !auth.isBlank() && (user == null || user.isBlank())) {
                out.add(where + ".auth is set but " + where + ".user is not; name the login whose secret pgpass or "
                        + "the keyring holds");
            }
            if (cacert != null && url != null && url.trim().startsWith("http://")) {
                out.add(where + ".cacert is set on an http:// URL; use https:// or remove cacert");
            }
            if (resendSeconds != null && resendSeconds < 1) {
                out.add(where + ".resendSeconds is " + resendSeconds + "; use at least 1 (60 is usual)");
            }
            if (queue != null && queue < 1) {
                out.add(where + ".queue is " + queue + "; use at least 1 (1000 is the default)");
            }
            if (maxAttempts != null && maxAttempts < 1) {
                out.add(where + ".maxAttempts is " + maxAttempts + "; use at least 1 (6 is the default)");
            }
        }
    }

    /** Problems with the values, each naming the key; empty when valid. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (alertmanager != null) {
            alertmanager.problems("outbound.alertmanager", out);
        }
        if (webhook != null) {
            webhook.problems("outbound.webhook", out);
        }
        return out;
    }
}
