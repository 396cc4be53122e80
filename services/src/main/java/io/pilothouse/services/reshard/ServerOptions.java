package io.pilothouse.services.reshard;

import java.sql.Array;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Options of a foreign server or foreign table ({@code key=value} text array) as a map. */
final class ServerOptions {

    private ServerOptions() {
    }

    static Map<String, String> parse(Array options) throws SQLException {
        Map<String, String> map = new LinkedHashMap<>();
        if (options == null) {
            return map;
        }
        for (Object o : (Object[]) options.getArray()) {
            String text = String.valueOf(o);
            int eq = text.indexOf('=');
            if (eq > 0) {
                map.put(text.substring(0, eq), text.substring(eq + 1));
            }
        }
        return map;
    }
}
