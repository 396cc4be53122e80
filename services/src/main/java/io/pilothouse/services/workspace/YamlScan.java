package io.pilothouse.services.workspace;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A first streaming pass over the YAML text, before any binding: it finds syntax errors with their position and
 * every key that would hold a password, with its line and column. Streaming (not a tree) because only the parser
 * knows where a key is in the file.
 */
final class YamlScan {

    /** A key found in the document. */
    record Found(String key, List<Object> path, int line, int column) {
    }

    /** What the scan saw. */
    record Result(boolean empty, JsonToken firstToken, List<Found> secretKeys) {
    }

    private YamlScan() {
    }

    /** Scans {@code yaml}; syntax errors surface as Jackson's {@code StreamReadException} with a location. */
    static Result scan(ObjectMapper mapper, String yaml) throws IOException {
        List<Found> secrets = new ArrayList<>();
        JsonToken first = null;
        try (JsonParser p = mapper.createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (first == null) {
                    first = t;
                }
                if (t == JsonToken.FIELD_NAME && SecretKeys.isSecret(p.currentName())) {
                    JsonLocation at = p.currentTokenLocation();
                    secrets.add(new Found(p.currentName(), path(p.getParsingContext()), at.getLineNr(),
                            at.getColumnNr()));
                }
            }
        }
        return new Result(first == null, first, List.copyOf(secrets));
    }

    /**
     * Line and column of the key (or list element) at {@code path}, or null. Binding errors on records are raised
     * after Jackson has buffered the whole mapping, so their own location points past it; this finds the real one.
     */
    static JsonLocation locate(ObjectMapper mapper, String yaml, List<Object> path) {
        if (path.isEmpty()) {
            return null;
        }
        try (JsonParser p = mapper.createParser(yaml)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                boolean inArrayElement = t != JsonToken.FIELD_NAME && p.getParsingContext().getParent() != null
                        && (p.getParsingContext().inArray()
                            || (t.isStructStart() && p.getParsingContext().getParent().inArray()));
                if ((t == JsonToken.FIELD_NAME || inArrayElement) && path.equals(path(p.getParsingContext()))) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** Root-to-leaf field names and indexes of the current token (its own key included). */
    private static List<Object> path(JsonStreamContext context) {
        List<Object> reversed = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                reversed.add(Math.max(c.getCurrentIndex(), 0));
            } else if (c.inObject() && c.getCurrentName() != null) {
                reversed.add(c.getCurrentName());
            }
        }
        Collections.reverse(reversed);
        return reversed;
    }
}
