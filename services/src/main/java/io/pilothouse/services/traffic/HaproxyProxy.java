package io.pilothouse.services.traffic;

import java.util.List;

/**
 * One HAProxy proxy (a {@code listen} or a frontend/backend pair) with its servers.
 *
 * @param name     {@code pxname}
 * @param status   the frontend's status (OPEN, STOP), or the backend's when there is no frontend line
 * @param sessions the frontend's current sessions, {@code scur}
 * @param servers  its server lines, in the order HAProxy lists them
 */
public record HaproxyProxy(String name, String status, long sessions, List<HaproxyServer> servers) {

    public HaproxyProxy {
        servers = List.copyOf(servers);
    }

    /** The servers that take new sessions now. */
    public List<HaproxyServer> upServers() {
        return servers.stream().filter(HaproxyServer::up).toList();
    }
}
