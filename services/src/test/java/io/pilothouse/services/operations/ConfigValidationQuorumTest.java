package io.pilothouse.services.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code synchronous_mode: quorum} is valid from Patroni 4.0 only; other values stay true/false. */
class ConfigValidationQuorumTest {

    private static JsonNode config(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void quorumIsAcceptedOnPatroni4() throws Exception {
        assertThat(ConfigValidation.problems(config("{\"synchronous_mode\":\"quorum\"}"), "4.0.7")).isEmpty();
        assertThat(ConfigValidation.problems(config("{\"synchronous_mode\":\"quorum\"}"), "4.1.0")).isEmpty();
    }

    @Test
    void quorumIsRefusedOnPatroni3WithTheReason() throws Exception {
        assertThat(ConfigValidation.problems(config("{\"synchronous_mode\":\"quorum\"}"), "3.0.2"))
                .singleElement().asString()
                .contains("synchronous_mode=quorum needs Patroni 4.0 or later")
                .contains("runs Patroni 3.0.2");
    }

    @Test
    void quorumIsRefusedWhenTheVersionIsNotKnown() throws Exception {
        assertThat(ConfigValidation.problems(config("{\"synchronous_mode\":\"quorum\"}"), null))
                .singleElement().asString().contains("could not be read");
    }

    @Test
    void otherStringsAreStillRefusedOnEveryVersion() throws Exception {
        assertThat(ConfigValidation.problems(config("{\"synchronous_mode\":\"yes please\"}"), "4.0.7"))
                .singleElement().asString().contains("must be true or false");
        assertThat(ConfigValidation.problems(config("{\"synchronous_mode\":true}"), "3.0.2")).isEmpty();
    }
}
