package dev.switchboard.api;

import jakarta.json.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthCheckTest {

    @Test
    void upCheckInMicroProfileShape() {
        assertEquals("{\"status\":\"UP\",\"checks\":[{\"name\":\"a\",\"status\":\"UP\",\"data\":{\"sessions\":2}}]}",
                HealthCheck.body(List.of(new HealthCheck("a", true, Json.createObjectBuilder().add("sessions", 2).build()))).toString());
    }

    @Test
    void anyDownCheckMakesTheWholeProbeDown() {
        assertEquals("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"a\",\"status\":\"UP\"},{\"name\":\"b\",\"status\":\"DOWN\"}]}",
                HealthCheck.body(List.of(new HealthCheck("a", true, null), new HealthCheck("b", false, null))).toString());
    }
}
