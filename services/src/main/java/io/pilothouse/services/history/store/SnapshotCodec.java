package io.pilothouse.services.history.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.pilothouse.services.model.EstateSnapshot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A whole {@link EstateSnapshot} as deflated JSON (the model records mapped field for field by Jackson), so a
 * stored moment comes back as the very snapshot the views draw. Unknown fields are ignored when reading, so a
 * snapshot written by an older or newer build still loads.
 */
public final class SnapshotCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnapshotCodec() {
    }

    /** The JSON of {@code snapshot}. */
    public static String json(EstateSnapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deflated JSON. */
    public static byte[] encode(EstateSnapshot snapshot) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            MAPPER.writeValue(out, snapshot);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The snapshot of {@link #encode}. */
    public static EstateSnapshot decode(byte[] data) {
        java.util.zip.Inflater inflater = new java.util.zip.Inflater();
        try (InflaterInputStream in = new InflaterInputStream(new ByteArrayInputStream(data), inflater, 16_384)) {
            return MAPPER.readValue(in, EstateSnapshot.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored snapshot unreadable: " + e.getMessage(), e);
        } finally {
            inflater.end(); // a caller-supplied inflater is not ended by the stream
        }
    }
}
