package io.pilothouse.services.policy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** What someone able to rewrite the audit log does: change a record and recompute every hash after it. */
final class AuditForgery {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditForgery() {
    }

    static String sha256(ObjectNode withoutHash) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(withoutHash)));
    }

    static String hmac(AuditKey key, ObjectNode withoutHash) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.secret(), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(JSON.writeValueAsBytes(withoutHash)));
    }

    /**
     * Applies {@code edit} to line {@code index} (0-based) and re-chains every record from it on with plain SHA-256,
     * each {@code prevHash} pointing at the recomputed hash before it: the chain is consistent again without the key.
     */
    static void rewriteAndRechain(Path log, int index, Consumer<ObjectNode> edit) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(log, StandardCharsets.UTF_8));
        String previous = index == 0 ? JsonLinesAuditLog.GENESIS
                : JSON.readTree(lines.get(index - 1)).get("hash").asText();
        for (int i = index; i < lines.size(); i++) {
            ObjectNode node = (ObjectNode) JSON.readTree(lines.get(i));
            node.remove("hash");
            if (i == index) {
                edit.accept(node);
            }
            node.put("prevHash", previous);
            previous = sha256(node);
            node.put("hash", previous);
            lines.set(i, JSON.writeValueAsString(node));
        }
        Files.write(log, lines, StandardCharsets.UTF_8);
    }
}
