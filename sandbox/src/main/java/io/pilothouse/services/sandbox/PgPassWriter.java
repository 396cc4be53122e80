package io.pilothouse.services.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code DIR/pgpass} in libpq's format ({@code host:port:database:user:password}), mode
 * 0600, owned by whoever runs the launcher, since that is who connects. One line per port per
 * role, so any client can reach any member (and HAProxy) as any sandbox role.
 */
final class PgPassWriter {

    private PgPassWriter() {}

    static void write(Path passfile, String host, List<Integer> ports, Credentials credentials) {
        write(passfile, host, ports, credentials, "");
    }

    /** As {@link #write(Path, String, List, Credentials)}, followed by {@code extraLines} (see {@link #poolerAdmins}). */
    static void write(Path passfile, String host, List<Integer> ports, Credentials credentials, String extraLines) {
        PrivateFiles.write(passfile, render(host, ports, credentials) + extraLines, PrivateFiles.OWNER_ONLY);
    }

    /**
     * The poolers' admin users: PgBouncer's on its admin console (database {@code pgbouncer}) and the PCP user on the
     * PCP port (PCP's own {@code .pcppass} has no database field; pgpass's {@code *} stands for it).
     */
    static String poolerAdmins(String host, SandboxPlan.PoolerPlan ports, PoolerCredentials admins) {
        return escape(host) + ':' + ports.pgbouncerPort() + ':' + PoolerCredentials.PGBOUNCER_CONSOLE + ':'
                + PoolerCredentials.PGBOUNCER_ADMIN + ':' + escape(admins.pgbouncerAdminPassword()) + '\n'
                + escape(host) + ':' + ports.pcpPort() + ":*:" + PoolerCredentials.PCP_ADMIN + ':'
                + escape(admins.pcpPassword()) + '\n';
    }

    static String render(String host, List<Integer> ports, Credentials credentials) {
        StringBuilder out = new StringBuilder();
        for (int port : ports) {
            for (Map.Entry<String, String> role : credentials.byRole().entrySet()) {
                out.append(escape(host)).append(':').append(port).append(":*:")
                        .append(escape(role.getKey())).append(':').append(escape(role.getValue())).append('\n');
            }
        }
        return out.toString();
    }

    /** libpq reads {@code \:} and {@code \\} as literal characters in any field. */
    static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
