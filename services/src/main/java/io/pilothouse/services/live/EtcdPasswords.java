package io.pilothouse.services.live;

import io.pilothouse.services.etcd.EtcdClients;
import io.pilothouse.services.postgres.PasswordLookup;
import io.pilothouse.services.workspace.EtcdConfig;
import io.pilothouse.services.workspace.PostgresConfig;
import io.pilothouse.services.workspace.SourceConfig;

/**
 * etcd passwords through the same chain as PostgreSQL ones (pgpass, keyring, prompt): a pgpass line
 * {@code host:port:etcd:user:secret} in the source's passfile (or PGPASSFILE, ~/.pgpass), or a keyring entry.
 */
public final class EtcdPasswords {

    private EtcdPasswords() {
    }

    /** The lookup for {@code source}'s etcd user. */
    public static EtcdClients.EtcdPassword of(SourceConfig source, PasswordLookup passwords) {
        String passfile = source.postgres() == null ? null : source.postgres().passfile();
        return (host, port, user) -> passwords.find(host, port,
                new PostgresConfig(user, EtcdConfig.PASSWORD_DATABASE, passfile, null));
    }
}
