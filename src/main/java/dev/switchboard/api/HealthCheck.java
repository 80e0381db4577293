package dev.switchboard.api;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * One named check of a health probe, and the probe's answer in the MicroProfile Health shape, so probes
 * written for it understand ours: {@code {"status":"UP","checks":[{"name":…,"status":"UP","data":{…}}]}},
 * 200 when every check is up, 503 with {@code "DOWN"} when any is down.
 */
record HealthCheck(String name, boolean up, JsonObject data) {

    static Response respond(List<HealthCheck> checks) {
        boolean up = checks.stream().allMatch(HealthCheck::up);
        return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON_TYPE).entity(body(checks).toString()).build();
    }

    static JsonObject body(List<HealthCheck> checks) {
        boolean up = checks.stream().allMatch(HealthCheck::up);
        JsonArrayBuilder array = Json.createArrayBuilder();
        checks.forEach(check -> array.add(check.json()));
        return Json.createObjectBuilder().add("status", status(up)).add("checks", array).build();
    }

    JsonObject json() {
        JsonObjectBuilder json = Json.createObjectBuilder().add("name", name).add("status", status(up));
        if (data != null && !data.isEmpty()) {
            json.add("data", data);
        }
        return json.build();
    }

    private static String status(boolean up) {
        return up ? "UP" : "DOWN";
    }
}
