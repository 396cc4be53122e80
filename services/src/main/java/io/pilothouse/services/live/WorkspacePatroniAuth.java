package io.pilothouse.services.live;

import io.pilothouse.services.credentials.Credential;
import io.pilothouse.services.credentials.CredentialRequest;
import io.pilothouse.services.credentials.CredentialResolver;
import io.pilothouse.services.model.ClusterSnapshot;
import io.pilothouse.services.model.EstateSnapshot;
import io.pilothouse.services.patroni.PatroniAuth;
import io.pilothouse.services.patroni.PatroniAuthLookup;
import io.pilothouse.services.workspace.SourceConfig;
import io.pilothouse.services.workspace.Workspace;

import java.net.URI;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Patroni REST credentials from the workspace and the credential chain: the source of the member's cluster names
 * the user ({@code patroniUser}); the password is looked up like a PostgreSQL one, for database {@value #DATABASE}
 * on the REST API's host and port (a pgpass line {@code host:8008:patroni:user:secret}, or the keyring). Nothing is
 * kept on disk by Pilothouse, and nothing when the source names no user.
 */
public final class WorkspacePatroniAuth implements PatroniAuthLookup {

    /** The pgpass "database" field of Patroni REST passwords. */
    public static final String DATABASE = "patroni";

    private final Workspace workspace;
    private final Supplier<EstateSnapshot> estate;
    private final CredentialResolver resolver;

    public WorkspacePatroniAuth(Workspace workspace, Supplier<EstateSnapshot> estate, CredentialResolver resolver) {
        this.workspace = workspace;
        this.estate = estate;
        this.resolver = resolver;
    }

    @Override
    public PatroniAuth forUrl(String apiUrl) {
        Optional<SourceConfig> source = sourceOf(apiUrl);
        if (source.isEmpty() || source.get().patroniUser() == null) {
            return null;
        }
        URI uri = URI.create(apiUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        String passfile = source.get().postgres() == null ? null : source.get().postgres().passfile();
        Credential c = resolver.resolve(new CredentialRequest(uri.getHost(), port, DATABASE,
                source.get().patroniUser(), passfile));
        return new PatroniAuth(source.get().patroniUser(), c.hasPassword() ? c.password() : new char[0]);
    }

    private Optional<SourceConfig> sourceOf(String apiUrl) {
        String base = stripSlash(apiUrl);
        for (ClusterSnapshot c : estate.get().clusters()) {
            boolean member = c.members().stream().anyMatch(m -> m.apiUrl() != null
                    && stripSlash(m.apiUrl()).equals(base));
            if (member) {
                return workspace.sources().stream().filter(s -> s.name().equals(c.source())).findFirst();
            }
        }
        return workspace.sources().stream().filter(s -> s.patroni().stream().map(WorkspacePatroniAuth::stripSlash)
                .anyMatch(base::equals)).findFirst();
    }

    private static String stripSlash(String url) {
        String u = url.endsWith("/patroni") ? url.substring(0, url.length() - "/patroni".length()) : url;
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
