package dev.switchboard.api;

import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.handler.Broadcast;
import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code POST /api/emit}: another system publishes an event to a namespace, a room, or one socket:
 * {@code {"namespace":"/chat","room":"lobby","event":"news","args":[…]}}. Goes through the same
 * {@link SocketServer} application code uses. Answers 202 with the number of clients targeted.
 */
@Path("emit")
public class EmitResource {
    private static final Logger LOG = Logger.getLogger(EmitResource.class.getName());
    /** Events the Socket.IO client reserves for itself; emitting them would confuse every client (reference server list). */
    static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect", "disconnecting",
            "newListener", "removeListener");

    @Inject
    SocketServer sockets;

    @Inject
    SwitchboardConfig config;

    /** A body that passed validation. */
    record EmitRequest(String namespace, String room, String socket, String event, JsonArray args, boolean isVolatile) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Restricted({Role.ADMIN, Role.PUBLISHER})
    public Response emit(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, config.maxPayload() + 1L));
        if (bytes.length > config.maxPayload()) {
            return ApiErrors.of(413, "The body is larger than maxPayload (" + config.maxPayload() + " bytes)");
        }
        EmitRequest request;
        try {
            request = parse(bytes);
        } catch (IllegalArgumentException invalid) {
            return ApiErrors.of(400, invalid.getMessage());
        }
        if (!sockets.namespaces().contains(request.namespace())) {
            return ApiErrors.of(400, "Unknown namespace: " + request.namespace());
        }
        Object[] args = request.args().toArray();
        int recipients;
        if (request.socket() != null) {
            Optional<SocketClient> client = sockets.socket(request.namespace(), request.socket());
            if (client.isEmpty()) {
                return ApiErrors.of(404, "No socket " + request.socket() + " in namespace " + request.namespace());
            }
            if (request.isVolatile()) {
                client.get().volatileEmit(request.event(), args);
            } else {
                client.get().emit(request.event(), args);
            }
            recipients = 1;
        } else {
            Broadcast target = sockets.of(request.namespace());
            if (request.room() != null) {
                target = target.to(request.room());
            }
            recipients = target.socketIds().size(); // as the emit starts; clients may join or leave meanwhile
            if (request.isVolatile()) {
                target.volatileEmit(request.event(), args);
            } else {
                target.emit(request.event(), args);
            }
        }
        LOG.fine(() -> "Emitted '" + request.event() + "' to " + request.namespace()
                + (request.room() != null ? " room " + request.room() : request.socket() != null ? " socket " + request.socket() : ""));
        JsonObjectBuilder answer = Json.createObjectBuilder()
                .add("namespace", request.namespace())
                .add("event", request.event())
                .add("recipients", recipients);
        if (request.room() != null) {
            answer.add("room", request.room());
        }
        if (request.socket() != null) {
            answer.add("socket", request.socket());
        }
        return Response.accepted(answer.build().toString()).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** @throws IllegalArgumentException saying what is wrong with the body, for a 400 */
    static EmitRequest parse(byte[] body) {
        JsonObject json;
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new IllegalArgumentException("The body must be a JSON object");
            }
            json = value.asJsonObject();
        } catch (JsonException | IllegalStateException malformed) {
            throw new IllegalArgumentException("The body is not valid JSON");
        }
        for (String field : json.keySet()) {
            if (!Set.of("namespace", "room", "socket", "event", "args", "volatile").contains(field)) {
                throw new IllegalArgumentException("Unknown field: " + field);
            }
        }
        String namespace = string(json, "namespace", true);
        if (!namespace.startsWith("/")) {
            throw new IllegalArgumentException("namespace must start with /");
        }
        String event = string(json, "event", true);
        if (RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("event '" + event + "' is reserved by Socket.IO");
        }
        String room = string(json, "room", false);
        String socket = string(json, "socket", false);
        if (room != null && socket != null) {
            throw new IllegalArgumentException("Give room or socket, not both");
        }
        JsonValue args = json.getOrDefault("args", JsonValue.EMPTY_JSON_ARRAY);
        if (args.getValueType() != JsonValue.ValueType.ARRAY) {
            throw new IllegalArgumentException("args must be an array");
        }
        JsonValue isVolatile = json.getOrDefault("volatile", JsonValue.FALSE);
        if (isVolatile != JsonValue.TRUE && isVolatile != JsonValue.FALSE) {
            throw new IllegalArgumentException("volatile must be true or false");
        }
        return new EmitRequest(namespace, room, socket, event, args.asJsonArray(), isVolatile == JsonValue.TRUE);
    }

    private static String string(JsonObject json, String field, boolean required) {
        JsonValue value = json.get(field);
        if (value == null || value == JsonValue.NULL) {
            if (required) {
                throw new IllegalArgumentException(field + " is required");
            }
            return null;
        }
        if (!(value instanceof JsonString text) || text.getString().isEmpty()) {
            throw new IllegalArgumentException(field + " must be a non-empty string");
        }
        return text.getString();
    }
}
