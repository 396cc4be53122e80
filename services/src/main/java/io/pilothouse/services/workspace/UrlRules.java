package io.pilothouse.services.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * What a Patroni REST or etcd endpoint URL must look like: {@code http} or {@code https}, a host, and no
 * credentials. Shared by file validation and command-line sources so both say the same thing.
 */
final class UrlRules {

    private UrlRules() {
    }

    /**
     * The problem with {@code url}, or empty when it is fine.
     *
     * @param url     the URL as written
     * @param where   where it was written, e.g. {@code sources[0] "demo", field patroni[1]} or {@code --patroni}
     * @param example a correct URL of the same kind, shown as a hint
     */
    static Optional<String> problem(String url, String where, String example) {
        if (url == null || url.isBlank()) {
            return Optional.of(where + " is empty; write a URL such as " + example);
        }
        String trimmed = url.trim();
        if (!trimmed.contains("://")) {
            return Optional.of(where + " '" + trimmed + "' has no scheme; write http://" + trimmed
                    + " (or https://) — e.g. " + example);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return Optional.of(where + " '" + redact(trimmed) + "' is not a valid URL (" + e.getReason()
                    + "); write it like " + example);
        }
        if (uri.getRawUserInfo() != null) {
            // Never echo the URL: the user-info part is likely a password.
            return Optional.of(where + " contains credentials (user:password@) in the URL; passwords do not belong "
                    + "in the workspace file; use a pgpass file or the OS keyring");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of(where + " '" + trimmed + "' uses scheme '" + uri.getScheme()
                    + "'; only http and https are supported, e.g. " + example);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return Optional.of(where + " '" + trimmed + "' has no host name; write it like " + example);
        }
        return Optional.empty();
    }

    /** The URL with any user-info replaced, for messages. */
    static String redact(String url) {
        return url.replaceFirst("//[^/@]*@", "//***@");
    }
}
