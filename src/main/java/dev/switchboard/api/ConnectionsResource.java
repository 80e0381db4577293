package dev.switchboard.api;

import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who is connected and where, for admins: {@code GET /api/sockets} and {@code GET /api/rooms}, optionally
 * {@code ?namespace=/chat}. Read through the public {@link SocketServer} API; a client that leaves while the
 * list is built is left out.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {

    @Inject
    SocketServer sockets;

    @GET
    @Path("sockets")
    @Restricted(Role.ADMIN)
    public Response sockets(@QueryParam("namespace") String namespace) {
        Optional<Response> unknown = unknownNamespace(namespace);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        JsonArrayBuilder list = Json.createArrayBuilder();
        int count = 0;
        for (String name : namespaces(namespace)) {
            for (String id : new TreeSet<>(sockets.of(name).socketIds())) {
                Optional<SocketClient> client = sockets.socket(name, id);
                if (client.isPresent()) {
                    list.add(describe(client.get()));
                    count++;
                }
            }
        }
        return Response.ok(Json.createObjectBuilder().add("count", count).add("sockets", list).build().toString()).build();
    }

    @GET
    @Path("rooms")
    @Restricted(Role.ADMIN)
    public Response rooms(@QueryParam("namespace") String namespace) {
        Optional<Response> unknown = unknownNamespace(namespace);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        JsonArrayBuilder list = Json.createArrayBuilder();
        int count = 0;
        for (String name : namespaces(namespace)) {
            Set<String> ids = sockets.of(name).socketIds();
            for (var room : sockets.rooms(name).entrySet()) {
                if (!ids.contains(room.getKey())) { // each client's own room is listed under /api/sockets
                    list.add(Json.createObjectBuilder().add("namespace", name).add("room", room.getKey()).add("size", room.getValue()));
                    count++;
                }
            }
        }
        return Response.ok(Json.createObjectBuilder().add("count", count).add("rooms", list).build().toString()).build();
    }

    private JsonObjectBuilder describe(SocketClient client) {
        JsonArrayBuilder rooms = Json.createArrayBuilder();
        new TreeSet<>(client.rooms()).stream().filter(room -> !room.equals(client.id())).forEach(rooms::add);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", client.id())
                .add("namespace", client.namespace())
                .add("transport", client.transport())
                .add("rooms", rooms)
                .add("connectedAt", client.handshake().time().toString());
        if (client.handshake().address() != null) {
            json.add("address", client.handshake().address());
        }
        return json;
    }

    private List<String> namespaces(String only) {
        return only == null ? List.copyOf(new TreeSet<>(sockets.namespaces())) : List.of(only);
    }

    private Optional<Response> unknownNamespace(String namespace) {
        if (namespace == null || sockets.namespaces().contains(namespace)) {
            return Optional.empty();
        }
        return Optional.of(ApiErrors.of(400, "Unknown namespace: " + namespace));
    }
}
