package io.pilothouse.services.live;

import java.net.URI;

/**
 * What to call a member known only by its Patroni REST URL: Patroni 3.0's {@code GET /patroni} does not say its own
 * name, so until etcd (or {@code GET /cluster}) names it, the member is shown under its REST address.
 */
final class SeedNames {

    private SeedNames() {
    }

    /** {@code http://10.0.0.1:8008} → {@code 10.0.0.1:8008}; anything unparsable is returned as given. */
    static String label(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() != null) {
                return u.getPort() < 0 ? u.getHost() : u.getHost() + ":" + u.getPort();
            }
        } catch (IllegalArgumentException e) {
            // Not a URL we can take apart: the text itself is the clearest label.
        }
        return url;
    }
}
