package io.pilothouse.services.indoubt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XA branches prepared through the PostgreSQL JDBC driver ({@code PGXAConnection.prepare}), whose gid is
 * {@code RecoveredXid.xidToString(xid)}: {@code formatId + '_' + Base64(gtrid) + '_' + Base64(bqual)} with the
 * standard, padded Base64 alphabet (which has no {@code _}, so the split is exact; the driver itself parses it back
 * at the first and last {@code _}). Checked against postgresql 42.7.14.
 *
 * <p>The global id is the format id and the decoded global transaction id, the branch the decoded branch
 * qualifier: {@code xa 4660 "order-17"} and {@code "db1"}; bytes that are not printable ASCII are shown as
 * {@code 0x…} hex, text in double quotes, so the two cannot be confused.
 */
final class XaGidPattern implements GidPattern {

    static final String NAME = "pgjdbc-xa";

    private static final Pattern GID = Pattern.compile("(-?\\d{1,10})_([A-Za-z0-9+/=]*)_([A-Za-z0-9+/=]*)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<GidMatch> match(String gid, Set<String> knownNodes) {
        Matcher m = GID.matcher(gid);
        if (!m.matches()) {
            return Optional.empty();
        }
        int formatId;
        try {
            formatId = Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        byte[] gtrid = canonicalBase64(m.group(2));
        byte[] bqual = canonicalBase64(m.group(3));
        // The XA spec: a gtrid of 1 to 64 bytes, a bqual of 0 to 64; format id -1 is the null XID.
        if (gtrid == null || bqual == null || gtrid.length == 0 || gtrid.length > 64 || bqual.length > 64
                || formatId == -1) {
            return Optional.empty();
        }
        return Optional.of(new GidMatch(NAME, NAME, "xa " + formatId + " " + show(gtrid), null, show(bqual), null));
    }

    /** The bytes, if {@code text} is exactly what {@code Base64.getEncoder()} writes for them; else null. */
    private static byte[] canonicalBase64(String text) {
        if (text.length() % 4 != 0) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String show(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                return "0x" + HexFormat.of().formatHex(bytes);
            }
        }
        return "\"" + new String(bytes, StandardCharsets.US_ASCII) + "\"";
    }
}
