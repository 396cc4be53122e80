package io.pilothouse.services.traffic;

import java.util.List;

/**
 * An HAProxy as last read.
 *
 * @param statsUrl its stats CSV URL
 * @param status   how the last read went
 * @param proxies  its proxies with servers (the stats page itself excluded), empty when unreachable
 */
public record HaproxyStatus(String statsUrl, ComponentStatus status, List<HaproxyProxy> proxies) {

    public HaproxyStatus {
        proxies = List.copyOf(proxies);
    }
}
