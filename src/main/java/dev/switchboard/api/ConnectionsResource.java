package dev.switchboard.api;

import dev.switchboard.handler.Broadcast;
import dev.switchboard.handler.RemoteSocket;
import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.StringReader;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Who is connected and where, for admins: {@code GET /api/sockets} and {@code GET /api/rooms}, optionally
 * {@code ?namespace=/chat}, for the whole cluster ({@code fetchSockets}) or with {@code ?local=true} this node only;
 * and {@code POST /api/rooms/join|leave}. Read through the public {@link SocketServer} API; a client that leaves
 * while the list is built is left out.
 */
@Path("")
@Produces(MediaType.APPLICATION_JSON)
public class ConnectionsResource {

    @Inject
    SocketServer sockets;

    @GET
    @Path("sockets")
    @Restricted(Role.ADMIN)
    public CompletionStage<Response> sockets(@QueryParam("namespace") String namespace, @QueryParam("local") boolean local) {
        Optional<Response> unknown = unknownNamespace(namespace);
        if (unknown.isPresent()) {
            return CompletableFuture.completedFuture(unknown.get());
        }
        return everywhere(namespace, local).thenApply(found -> {
            JsonArrayBuilder list = Json.createArrayBuilder();
            found.forEach((name, remote) -> remote.stream().sorted(Comparator.comparing(RemoteSocket::id)).forEach(socket ->
                    list.add(sockets.socket(name, socket.id()).map(this::describe).orElseGet(() -> describe(name, socket)))));
            int count = found.values().stream().mapToInt(List::size).sum();
            return Response.ok(Json.createObjectBuilder().add("count", count).add("sockets", list).build().toString()).build();
        });
    }

    @GET
    @Path("rooms")
    @Restricted(Role.ADMIN)
    public CompletionStage<Response> rooms(@QueryParam("namespace") String namespace, @QueryParam("local") boolean local) {
        Optional<Response> unknown = unknownNamespace(namespace);
        if (unknown.isPresent()) {
            return CompletableFuture.completedFuture(unknown.get());
        }
        return everywhere(namespace, local).thenApply(found -> {
            JsonArrayBuilder list = Json.createArrayBuilder();
            int count = 0;
            for (var entry : found.entrySet()) {
                Map<String, Integer> sizes = new TreeMap<>();
                for (RemoteSocket socket : entry.getValue()) {
                    // each client's own room is listed under /api/sockets
                    socket.rooms().stream().filter(room -> !room.equals(socket.id())).forEach(room -> sizes.merge(room, 1, Integer::sum));
                }
                for (var room : sizes.entrySet()) {
                    list.add(Json.createObjectBuilder().add("namespace", entry.getKey()).add("room", room.getKey()).add("size", room.getValue()));
                    count++;
                }
            }
            return Response.ok(Json.createObjectBuilder().add("count", count).add("rooms", list).build().toString()).build();
        });
    }

    /**
     * {@code POST /api/rooms/join} {@code {"namespace":"/chat","room":"lobby","join":"announcements"}}: every client
     * of the namespace in {@code room} (every client without one), on every node, joins {@code join} too;
     * {@code /api/rooms/leave} with {@code "leave"} takes them out. Through {@link Broadcast#socketsJoin}.
     */
    @POST
    @Path("rooms/{operation:join|leave}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Restricted(Role.ADMIN)
    public Response moveSockets(@PathParam("operation") String operation, String body) {
        JsonObject request;
        try (var reader = Json.createReader(new StringReader(body))) {
            request = reader.readObject();
        } catch (RuntimeException notJson) {
            return ApiErrors.of(400, "The body must be a JSON object");
        }
        String namespace = request.getString("namespace", "/");
        String room = request.getString(operation, null);
        if (room == null || room.isEmpty() || !(request.get("room") == null || request.get("room") instanceof JsonString)) {
            return ApiErrors.of(400, "Expected {\"namespace\", \"room\" (optional), \"" + operation + "\"}");
        }
        Optional<Response> unknown = unknownNamespace(namespace);
        if (unknown.isPresent()) {
            return unknown.get();
        }
        Broadcast target = request.containsKey("room") ? sockets.of(namespace).to(request.getString("room")) : sockets.of(namespace);
        if (operation.equals("join")) {
            target.socketsJoin(room);
        } else {
            target.socketsLeave(room);
        }
        return Response.ok("{\"ok\":true}").build();
    }

    /** The sockets of one namespace or all, on every node or (local) this one. */
    private CompletionStage<Map<String, List<RemoteSocket>>> everywhere(String namespace, boolean local) {
        Map<String, List<RemoteSocket>> found = new ConcurrentSkipListMap<>();
        CompletableFuture<?>[] each = namespaces(namespace).stream().map(name -> {
            Broadcast all = local ? sockets.of(name).local() : sockets.of(name);
            return all.fetchSockets().thenAccept(list -> found.put(name, list)).toCompletableFuture();
        }).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(each).thenApply(done -> found);
    }

    /** A socket of another node: what its server told about it. */
    private JsonObjectBuilder describe(String namespace, RemoteSocket socket) {
        JsonArrayBuilder rooms = Json.createArrayBuilder();
        new TreeSet<>(socket.rooms()).stream().filter(room -> !room.equals(socket.id())).forEach(rooms::add);
        JsonObjectBuilder json = Json.createObjectBuilder().add("id", socket.id()).add("namespace", namespace)
                .add("rooms", rooms).add("node", "other");
        if (socket.handshake().get("issued") instanceof Number issued) {
            json.add("connectedAt", java.time.Instant.ofEpochMilli(issued.longValue()).toString());
        }
        if (socket.handshake().get("address") instanceof String address) {
            json.add("address", address);
        }
        return json;
    }

    private JsonObjectBuilder describe(SocketClient client) {
        JsonArrayBuilder rooms = Json.createArrayBuilder();
        new TreeSet<>(client.rooms()).stream().filter(room -> !room.equals(client.id())).forEach(rooms::add);
        JsonObjectBuilder json = Json.createObjectBuilder()
                .add("id", client.id())
                .add("namespace", client.namespace())
                .add("transport", client.transport())
                .add("rooms", rooms)
                .add("connectedAt", client.handshake().time().toString())
                .add("node", "this");
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
