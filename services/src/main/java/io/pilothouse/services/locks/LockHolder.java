package io.pilothouse.services.locks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Who holds an operation lock: stored as JSON in the lock key, so a second operator can be told whom to ask.
 *
 * @param user      OS user of the holding Pilothouse
 * @param host      its host name
 * @param pid       its process id
 * @param operation what it is doing, e.g. {@code switchover}
 * @param since     when it took the lock
 */
public record LockHolder(String user, String host, long pid, String operation, Instant since) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A newer Pilothouse may add fields; an older one must still name the holder.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** This process, now (to the second: the value is read by people). */
    public static LockHolder current(String operation) {
        return new LockHolder(System.getProperty("user.name"), HostName.VALUE, ProcessHandle.current().pid(),
                operation, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code alice@host1 (pid 1234)}. */
    public String describe() {
        return user + "@" + host + " (pid " + pid + ")";
    }

    /** The JSON stored in the lock key. */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a lock key's value; empty when it is not a holder written by Pilothouse. */
    public static Optional<LockHolder> fromJson(String json) {
        try {
            LockHolder holder = JSON.readValue(json, LockHolder.class);
            return holder == null || holder.user() == null ? Optional.empty() : Optional.of(holder);
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Looked up once: a slow resolver must not delay every acquire. */
    private static final class HostName {
        static final String VALUE = lookUp();

        private static String lookUp() {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                String env = System.getenv("HOSTNAME");
                return env == null || env.isBlank() ? "unknown-host" : env;
            }
        }
    }
}
