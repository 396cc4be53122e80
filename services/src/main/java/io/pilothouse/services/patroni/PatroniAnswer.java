package io.pilothouse.services.patroni;

/**
 * What Patroni answered to a command. Patroni answers most commands in plain text ({@code Successfully switched
 * over to "node2"}, {@code no good candidates have been found}); a few in JSON.
 *
 * @param method HTTP method sent
 * @param uri    where it was sent
 * @param status HTTP status
 * @param body   the answer's body, stripped; empty when there was none
 */
public record PatroniAnswer(String method, String uri, int status, String body) {

    /** True for a 2xx status. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** {@code POST http://…/switchover -> 412 no good candidates have been found}, for the audit log and reports. */
    public String describe() {
        String one = body.replaceAll("\\s+", " ");
        return method + " " + uri + " -> " + status + (one.isEmpty() ? "" : " " + (one.length() <= 300 ? one
                : one.substring(0, 297) + "..."));
    }
}
