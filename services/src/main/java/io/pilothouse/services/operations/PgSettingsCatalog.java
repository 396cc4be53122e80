package io.pilothouse.services.operations;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The leader's {@code pg_settings}, by name: which parameters exist on this server (extensions loaded included),
 * their types, ranges, units and when a change applies. Immutable.
 *
 * @param readFrom the member it was read from
 */
public record PgSettingsCatalog(String readFrom, Map<String, PgSetting> settings) {

    /** Every column a change is checked against. */
    static final String SQL = "SELECT name, setting, unit, vartype, context, min_val, max_val, enumvals, "
            + "pending_restart FROM pg_settings";

    public PgSettingsCatalog {
        settings = Map.copyOf(settings);
    }

    /** A catalog of {@code rows} (recorded rows in tests, a query's rows in {@link #read}). */
    public static PgSettingsCatalog of(String readFrom, Collection<PgSetting> rows) {
        Map<String, PgSetting> byName = new TreeMap<>();
        rows.forEach(r -> byName.put(r.name(), r));
        return new PgSettingsCatalog(readFrom, byName);
    }

    /** Reads {@code pg_settings} on {@code c}. */
    public static PgSettingsCatalog read(String readFrom, Connection c) throws SQLException {
        List<PgSetting> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SQL); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                Array enums = rs.getArray(8);
                List<String> values = enums == null ? List.of()
                        : Arrays.stream((Object[]) enums.getArray()).map(String::valueOf).toList();
                rows.add(new PgSetting(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), values, rs.getBoolean(9)));
            }
        }
        return of(readFrom, rows);
    }

    /** The setting called {@code name} (PostgreSQL's names are case-insensitive). */
    public Optional<PgSetting> find(String name) {
        PgSetting exact = settings.get(name);
        return exact != null ? Optional.of(exact)
                : Optional.ofNullable(settings.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The known name nearest to {@code name}, if one is near enough to be a typo of it. */
    public Optional<String> nearest(String name) {
        return Nearest.of(name.toLowerCase(Locale.ROOT), settings.keySet());
    }
}
