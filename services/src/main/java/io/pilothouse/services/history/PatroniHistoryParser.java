package io.pilothouse.services.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pilothouse.services.patroni.PatroniFormatException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Parses Patroni's history, as {@code GET /history} answers and as the DCS {@code history} key holds it: an array of
 * {@code [timeline, lsn, reason, timestamp, new_leader]}. Patroni before 1.6 wrote three elements, some versions four;
 * missing trailing elements become null. Anything else is a {@link PatroniFormatException} that says where.
 */
public final class PatroniHistoryParser {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Python's isoformat with a space or a 'T', optional fraction of any length, optional offset. */
    private static final DateTimeFormatter PYTHON_ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .append(DateTimeFormatter.ofPattern("HH:mm:ss"))
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private PatroniHistoryParser() {
    }

    /**
     * Parses a history document, sorted by timeline.
     *
     * @param json  the JSON text
     * @param where where it came from, for the error message ({@code GET http://…/history}, {@code DCS key …})
     */
    public static List<TimelineRecord> parse(String json, String where) {
        JsonNode root;
        try {
            root = json == null || json.isBlank() ? null : MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PatroniFormatException("History from " + where + " is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || root.isNull()) {
            // An empty key: a cluster that never changed timeline.
            return List.of();
        }
        if (!root.isArray()) {
            throw new PatroniFormatException("History from " + where + " should be a JSON array of "
                    + "[timeline, lsn, reason, timestamp, new_leader] entries, got " + root.getNodeType());
        }
        List<TimelineRecord> out = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            out.add(entry(root.get(i), i, where));
        }
        out.sort(Comparator.comparingInt(TimelineRecord::timeline));
        return List.copyOf(out);
    }

    private static TimelineRecord entry(JsonNode e, int index, String where) {
        String at = "entry " + index + " of the history from " + where;
        if (!e.isArray() || e.size() < 1) {
            throw new PatroniFormatException(at + " should be [timeline, lsn, reason, timestamp, new_leader], got " + e);
        }
        JsonNode tl = e.get(0);
        if (!tl.canConvertToInt() || (!tl.isIntegralNumber() && !tl.asText().matches("\\d+"))) {
            throw new PatroniFormatException(at + " has no timeline number first: " + e);
        }
        int timeline = tl.isIntegralNumber() ? tl.intValue() : Integer.parseInt(tl.asText());
        return new TimelineRecord(timeline, lsn(element(e, 1)), text(element(e, 2)), time(element(e, 3), at),
                text(element(e, 4)));
    }

    private static JsonNode element(JsonNode e, int i) {
        JsonNode v = e.get(i);
        return v == null || v.isNull() ? null : v;
    }

    private static String text(JsonNode v) {
        return v == null ? null : v.asText();
    }

    private static Long lsn(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (v.isNumber()) {
            return v.longValue();
        }
        String s = v.asText().trim();
        // Some tools write the position as PostgreSQL text (0/3000060); read that too.
        int slash = s.indexOf('/');
        try {
            if (slash > 0) {
                return (Long.parseLong(s.substring(0, slash), 16) << 32) | Long.parseLong(s.substring(slash + 1), 16);
            }
            return Long.parseLong(s);
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    private static Instant time(JsonNode v, String at) {
        if (v == null || v.asText().isBlank()) {
            return null;
        }
        String s = v.asText().trim();
        try {
            var parsed = PYTHON_ISO.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            // Old Patroni wrote naive local times; UTC is the best guess and is labelled as such nowhere else.
            return parsed instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new PatroniFormatException(at + " has a timestamp that is not ISO-8601: '" + s + "'", e);
        }
    }
}
