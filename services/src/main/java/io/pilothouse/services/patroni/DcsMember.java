package io.pilothouse.services.patroni;

import io.pilothouse.services.model.MemberRole;
import io.pilothouse.services.model.MemberState;

import java.net.URI;
import java.util.Map;

/**
 * A member key ({@code /<ns>/<scope>/members/<name>}) as Patroni writes it into the DCS.
 *
 * @param name           member name (from the key)
 * @param connUrl        {@code postgres://host:port/db}
 * @param apiUrl         REST URL ({@code http://host:8008/patroni})
 * @param role           normalised role
 * @param state          normalised state
 * @param patroniVersion Patroni version
 * @param xlogLocation   WAL position in bytes, or null
 * @param timeline       timeline or null
 * @param tags           tags as strings
 * @param pendingRestart whether a restart is pending
 */
public record DcsMember(String name, String connUrl, String apiUrl, MemberRole role, MemberState state,
                        String patroniVersion, Long xlogLocation, Integer timeline, Map<String, String> tags,
                        boolean pendingRestart) {

    public DcsMember {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
    }

    /** Host of {@link #connUrl()}, or null when it cannot be parsed. */
    public String host() {
        URI u = connUri();
        return u == null ? null : u.getHost();
    }

    /** Port of {@link #connUrl()}, 5432 when omitted, 0 when unparseable. */
    public int port() {
        URI u = connUri();
        if (u == null) {
            return 0;
        }
        return u.getPort() > 0 ? u.getPort() : 5432;
    }

    private URI connUri() {
        if (connUrl == null) {
            return null;
        }
        try {
            return URI.create(connUrl);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
