package dev.switchboard.adapter.redis;

import dev.switchboard.adapter.Emission;
import dev.switchboard.adapter.LocalRecovery;
import dev.switchboard.adapter.LocalRoomsAdapter;
import dev.switchboard.adapter.NamespaceLink;
import dev.switchboard.adapter.RestoredSession;
import dev.switchboard.adapter.SessionRecord;
import dev.switchboard.adapter.SocketDetails;
import dev.switchboard.adapter.Target;
import dev.switchboard.adapter.cluster.AckCollection;
import dev.switchboard.adapter.cluster.AckRequests;
import dev.switchboard.adapter.cluster.ClusterJson;
import dev.switchboard.adapter.cluster.MalformedMessageException;
import dev.switchboard.adapter.cluster.PendingRequests;
import dev.switchboard.adapter.cluster.RequestType;
import io.lettuce.core.pubsub.api.async.RedisPubSubAsyncCommands;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * One namespace's rooms on a Redis cluster: this node's members in memory ({@link LocalRoomsAdapter}), and what the
 * other nodes must hear published on the namespace's channels, as Node's {@code @socket.io/redis-adapter} 8.3 does.
 * <p>
 * With connection state recovery on, sessions and the events they may miss are kept on this node
 * ({@link LocalRecovery}), as Node's own adapter keeps none: every broadcast this node makes or hears (from another
 * node or an emitter) is logged under an offset of this node's, so a client that comes back to this node recovers,
 * emitter events included; one that reconnects to another node gets a new session.
 * Thread-safe: application threads call it, Lettuce's event loop hands it the other nodes' messages.
 */
final class RedisAdapter extends LocalRoomsAdapter implements RedisNamespace {
    private static final Logger LOG = Logger.getLogger(RedisAdapter.class.getName());
    private static final int EVENT = 2;
    private static final int BINARY_EVENT = 5;

    private final String namespace;
    private final RedisNode node;
    private final RedisChannels channels;
    private final NamespaceLink link;
    private final PendingRequests requests;
    private final AckRequests ackRequests;
    private final ClusterWire wire = new ClusterWire();
    // with connectionStateRecovery on, else null
    private final LocalRecovery recovery;
    // the recovery log's sweep, or null without recovery; cancelled when the namespace closes
    private final ScheduledFuture<?> sweeping;

    RedisAdapter(String namespace, RedisNode node, NamespaceLink link) {
        this.namespace = namespace;
        this.node = node;
        this.channels = new RedisChannels(node.settings().redisKey(), namespace);
        this.link = link;
        this.requests = new PendingRequests(node.scheduler(), node.settings().redisRequestTimeout(),
                node.stats().requestTimeouts::increment);
        this.ackRequests = new AckRequests(node.scheduler());
        if (node.recovery().enabled()) {
            this.recovery = new LocalRecovery(node.recovery(), node.uid(), System::currentTimeMillis);
            long every = Math.min(60_000, node.recovery().maxDisconnectionDuration());
            this.sweeping = node.scheduler().scheduleWithFixedDelay(recovery::sweep, every, every, TimeUnit.MILLISECONDS);
        } else {
            this.recovery = null;
            this.sweeping = null;
        }
    }

    @Override
    public void subscribe(RedisPubSubAsyncCommands<byte[], byte[]> subscriber) {
        subscriber.psubscribe(RedisNode.bytes(channels.broadcastPattern()));
        subscriber.subscribe(RedisNode.bytes(channels.request()), RedisNode.bytes(channels.response()),
                RedisNode.bytes(channels.responseTo(node.uid())));
    }

    @Override
    public void unsubscribe(RedisPubSubAsyncCommands<byte[], byte[]> subscriber) {
        subscriber.punsubscribe(RedisNode.bytes(channels.broadcastPattern()));
        subscriber.unsubscribe(RedisNode.bytes(channels.request()), RedisNode.bytes(channels.response()),
                RedisNode.bytes(channels.responseTo(node.uid())));
    }

    @Override
    public boolean owns(String channel) {
        return channels.owns(channel);
    }

    @Override
    public void close() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        abandonRequests();
        node.forget(namespace, this);
    }

    // ---- the cluster ----

    @Override
    public int broadcast(Emission emission, Target target) {
        if (!target.local()) {
            Map<String, Object> packet = new LinkedHashMap<>();
            packet.put("type", EVENT);
            packet.put("data", emission.data().get());
            packet.put("nsp", namespace);
            byte[] message = node.messagePack().encode(List.of(node.uid(), packet, ClusterWire.options(target)));
            // a broadcast to exactly one room goes on that room's channel: a node without the room need not decode it
            String channel = target.rooms().size() == 1
                    ? channels.broadcastTo(target.rooms().iterator().next()) : channels.broadcast();
            node.publish(channel, message);
        }
        if (recovery != null && !target.isVolatile()) {
            return recovery.record(emission::frames, target, frames -> local().broadcast(frames, target));
        }
        return local().broadcast(emission.frames(), target);
    }

    @Override
    public CompletionStage<List<Object>> broadcastWithAck(Emission emission, Target target, long timeoutMillis) {
        if (target.local()) {
            return super.broadcastWithAck(emission, target, timeoutMillis);
        }
        List<Object> event = emission.data().get();
        return node.serverCount(channels.request()).thenCompose(servers -> {
            String requestId = wire.newRequestId();
            AckCollection collection = ackRequests.open(requestId, servers, timeoutMillis);
            if (servers > 1) {
                Map<String, Object> packet = new LinkedHashMap<>();
                packet.put("type", EVENT);
                packet.put("data", event);
                packet.put("nsp", namespace);
                Map<String, Object> options = ClusterWire.options(target);
                options.put("flags", Map.of("timeout", timeoutMillis));
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("uid", node.uid());
                request.put("requestId", requestId);
                request.put("type", RequestType.BROADCAST.code());
                request.put("packet", packet);
                request.put("opts", options);
                // MessagePack, as Node sends this one request: the event may carry binary
                node.publish(channels.request(), node.messagePack().encode(request));
            }
            askLocalMembers(target, event, timeoutMillis, collection);
            return collection.done();
        });
    }

    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(Target target) {
        List<SocketDetails> here = memberIds(target.rooms(), target.except()).stream()
                .flatMap(id -> member(id).stream()).map(member -> member.details(this)).toList();
        if (target.local()) {
            return CompletableFuture.completedFuture(here);
        }
        return ask(RequestType.REMOTE_FETCH, Map.of("opts", ClusterWire.options(target))).thenApply(answers -> {
            List<SocketDetails> all = new ArrayList<>(here);
            for (Map<String, Object> answer : answers) {
                if (answer.get("sockets") instanceof List<?> sockets) {
                    sockets.forEach(socket -> ClusterWire.details(socket).ifPresent(all::add));
                }
            }
            return all;
        });
    }

    @Override
    public void addSockets(Target target, Set<String> rooms) {
        if (!target.local()) {
            tell(RequestType.REMOTE_JOIN, Map.of("opts", ClusterWire.options(target), "rooms", List.copyOf(rooms)));
        }
        super.addSockets(target, rooms);
    }

    @Override
    public void delSockets(Target target, Set<String> rooms) {
        if (!target.local()) {
            tell(RequestType.REMOTE_LEAVE, Map.of("opts", ClusterWire.options(target), "rooms", List.copyOf(rooms)));
        }
        super.delSockets(target, rooms);
    }

    @Override
    public void disconnectSockets(Target target, boolean closeConnection) {
        if (!target.local()) {
            tell(RequestType.REMOTE_DISCONNECT, Map.of("opts", ClusterWire.options(target), "close", closeConnection));
        }
        super.disconnectSockets(target, closeConnection);
    }

    @Override
    public CompletionStage<Set<String>> allRooms(boolean localOnly) {
        Set<String> here = Set.copyOf(roomSizes().keySet());
        if (localOnly) {
            return CompletableFuture.completedFuture(here);
        }
        return ask(RequestType.ALL_ROOMS, Map.of()).thenApply(answers -> {
            Set<String> all = new LinkedHashSet<>(here);
            for (Map<String, Object> answer : answers) {
                if (answer.get("rooms") instanceof List<?> rooms) {
                    rooms.forEach(room -> all.add(String.valueOf(room)));
                }
            }
            return all;
        });
    }

    @Override
    public CompletionStage<List<Object>> serverSideEmit(List<Object> event, boolean withAck) {
        if (!withAck) {
            tell(RequestType.SERVER_SIDE_EMIT, Map.of("data", event));
            return CompletableFuture.completedFuture(List.of());
        }
        return node.serverCount(channels.request()).thenCompose(count -> {
            String requestId = wire.newRequestId();
            int others = count - 1;
            CompletableFuture<List<Object>> answers = requests.expectValues(requestId, others, "data");
            if (others > 0) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("uid", node.uid());
                request.put("requestId", requestId);
                request.put("type", RequestType.SERVER_SIDE_EMIT.code());
                request.put("data", event);
                node.publish(channels.request(), json(request));
            }
            return answers;
        });
    }

    @Override
    public CompletionStage<Integer> serverCount() {
        return node.serverCount(channels.request());
    }

    @Override
    public void abandonRequests() {
        requests.abandonAll();
    }

    /** A request every other node answers: published once the answers are being waited for. */
    private CompletionStage<List<Map<String, Object>>> ask(RequestType type, Map<String, Object> fields) {
        return node.serverCount(channels.request()).thenCompose(count -> {
            String requestId = wire.newRequestId();
            CompletableFuture<List<Map<String, Object>>> answers = requests.expect(requestId, count - 1);
            if (count > 1) {
                Map<String, Object> request = new LinkedHashMap<>();
                request.put("uid", node.uid());
                request.put("requestId", requestId);
                request.put("type", type.code());
                request.putAll(fields);
                node.publish(channels.request(), json(request));
            }
            return answers;
        });
    }

    /** A request no node answers. */
    private void tell(RequestType type, Map<String, Object> fields) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", node.uid());
        request.put("type", type.code());
        request.putAll(fields);
        node.publish(channels.request(), json(request));
    }

    // ---- what the other nodes publish; on Lettuce's thread, never blocking ----

    @Override
    public void onMessage(String channel, byte[] message) {
        try {
            if (channel.equals(channels.request())) {
                onRequest(decode(message));
            } else if (channel.startsWith(channels.response())) {
                onResponse(decode(message));
            } else {
                onBroadcast(channel, message);
            }
        } catch (MalformedMessageException | ClassCastException | IndexOutOfBoundsException malformed) {
            node.stats().malformed.increment();
            LOG.fine(() -> "Dropped a malformed message on " + channel + ": " + malformed.getMessage());
        }
    }

    private void onBroadcast(String channel, byte[] message) {
        String room = channels.roomOf(channel);
        if (recovery == null && !room.isEmpty() && !local().hasRoom(room)) {
            return; // a one-room broadcast for a room with no member here (with recovery: logged for dropped ones)
        }
        if (!(node.messagePack().decode(message) instanceof List<?> parts) || parts.size() < 3) {
            throw new MalformedMessageException("a broadcast is [uid, packet, opts]");
        }
        if (node.uid().equals(parts.get(0))) {
            return; // our own, heard back
        }
        if (!(parts.get(1) instanceof Map<?, ?> packet) || !(parts.get(2) instanceof Map<?, ?> opts)) {
            throw new MalformedMessageException("a broadcast's packet and opts are maps");
        }
        Object packetNamespace = packet.get("nsp") == null ? "/" : packet.get("nsp");
        if (!namespace.equals(packetNamespace)) {
            return;
        }
        Object type = packet.get("type");
        if (!(type instanceof Number number) || (number.intValue() != EVENT && number.intValue() != BINARY_EVENT)
                || !(packet.get("data") instanceof List<?> data) || data.isEmpty()) {
            throw new MalformedMessageException("a broadcast packet is an event with data");
        }
        Target target = ClusterWire.target(opts);
        @SuppressWarnings("unchecked")
        List<Object> event = (List<Object>) data;
        if (recovery != null && !target.isVolatile() && packet.get("id") == null) {
            recovery.record(offset -> link.frames(withOffset(event, offset)), target, frames -> local().broadcast(frames, target));
        } else {
            local().broadcast(link.frames(event), target);
        }
    }

    private static List<Object> withOffset(List<Object> event, String offset) {
        List<Object> with = new ArrayList<>(event);
        with.add(offset);
        return with;
    }

    // ---- connection state recovery, on this node ----

    @Override
    public boolean recovers() {
        return recovery != null;
    }

    @Override
    public void persistSession(SessionRecord session) {
        if (recovery != null) {
            recovery.persist(session);
        }
    }

    @Override
    public CompletionStage<Optional<RestoredSession>> restoreSession(String pid, String offset,
                                                                     Function<SessionRecord, Member> remake) {
        return CompletableFuture.completedFuture(recovery == null ? Optional.empty()
                : recovery.restore(pid, offset, remake, this::add));
    }

    private void onRequest(Map<String, Object> request) {
        if (node.uid().equals(request.get("uid")) || requests.isOurs(request.get("requestId"))) {
            return; // ours, heard back
        }
        RequestType type = RequestType.of(request.get("type"))
                .orElseThrow(() -> new MalformedMessageException("unknown request type " + request.get("type")));
        switch (type) {
            case ALL_ROOMS -> respond(request, Map.of("rooms", List.copyOf(roomSizes().keySet())));
            case REMOTE_FETCH -> {
                List<Object> sockets = new ArrayList<>();
                localMembers(ClusterWire.target(asMap(request.get("opts"))))
                        .forEach(member -> sockets.add(ClusterWire.describe(member.details(this))));
                respond(request, Map.of("sockets", sockets));
            }
            case REMOTE_JOIN -> super.addSockets(localTarget(request), ClusterWire.strings(request.get("rooms")));
            case REMOTE_LEAVE -> super.delSockets(localTarget(request), ClusterWire.strings(request.get("rooms")));
            case REMOTE_DISCONNECT -> super.disconnectSockets(localTarget(request),
                    Boolean.TRUE.equals(request.get("close")));
            case BROADCAST -> onBroadcastWithAcks(request);
            case SERVER_SIDE_EMIT -> onServerSideEmit(request);
            default -> LOG.fine(() -> "Redis adapter of " + namespace + " does not handle " + type + " requests yet");
        }
    }

    /**
     * Another node's broadcast that wants every client's acknowledgement: this node says how many clients it sent
     * it to (even none: the requester counts the nodes that answered), then forwards each client's first argument.
     */
    private void onBroadcastWithAcks(Map<String, Object> request) {
        Map<String, Object> packet = asMap(request.get("packet"));
        if (!(packet.get("data") instanceof List<?> data) || data.isEmpty()) {
            throw new MalformedMessageException("a broadcast packet is an event with data");
        }
        Map<String, Object> opts = asMap(request.get("opts"));
        Target target = ClusterWire.target(opts);
        long timeout = ClusterWire.ackTimeout(opts, node.settings().redisRequestTimeout());
        Object requestId = request.get("requestId");
        List<Member> members = localMembers(target);
        Map<String, Object> count = new LinkedHashMap<>();
        count.put("type", RequestType.BROADCAST_CLIENT_COUNT.code());
        count.put("requestId", requestId);
        count.put("clientCount", members.size());
        node.publish(channels.response(), json(count));
        @SuppressWarnings("unchecked")
        List<Object> event = (List<Object>) data;
        for (Member member : members) {
            member.emitWithAck(event, timeout).thenAccept(answer -> {
                Map<String, Object> ack = new LinkedHashMap<>();
                ack.put("type", RequestType.BROADCAST_ACK.code());
                ack.put("requestId", requestId);
                if (!answer.isEmpty()) {
                    ack.put("packet", answer.get(0)); // Node's callback takes the first argument only
                }
                node.publish(channels.response(), node.messagePack().encode(ack));
            });
        }
    }

    /** Another node's server-side event: to this namespace's handlers, their first answer back when one is wanted. */
    private void onServerSideEmit(Map<String, Object> request) {
        if (!(request.get("data") instanceof List<?> data) || data.isEmpty()) {
            throw new MalformedMessageException("a server-side event has data [event, ...args]");
        }
        @SuppressWarnings("unchecked")
        List<Object> event = (List<Object>) data;
        Object requestId = request.get("requestId");
        if (requestId == null) {
            link.serverEvent(event, null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        link.serverEvent(event, value -> {
            if (answered.compareAndSet(false, true)) {
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("type", RequestType.SERVER_SIDE_EMIT.code());
                response.put("requestId", requestId);
                if (value != null) {
                    response.put("data", value);
                }
                // Node answers a server-side event on the common response channel, whatever else it does
                node.publish(channels.response(), json(response));
            }
        });
    }

    private void onResponse(Map<String, Object> response) {
        Optional<AckCollection> collecting = ackRequests.named(response.get("requestId"));
        if (collecting.isPresent()) {
            AckCollection acks = collecting.get();
            Object type = response.get("type");
            if (type instanceof Number number && number.intValue() == RequestType.BROADCAST_CLIENT_COUNT.code()
                    && response.get("clientCount") instanceof Number clients) {
                acks.counted(clients.intValue());
            } else if (type instanceof Number number && number.intValue() == RequestType.BROADCAST_ACK.code()) {
                acks.answered(response.get("packet")); // absent: the client answered with nothing
            }
            return;
        }
        requests.answer(response.get("requestId"), response);
    }

    private void respond(Map<String, Object> request, Map<String, Object> fields) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("requestId", request.get("requestId"));
        response.putAll(fields);
        node.publish(channels.response(), json(response));
    }

    // ---- codecs ----

    /** A request or response: JSON when it starts with '{' (Node writes most as JSON), else MessagePack. */
    private Map<String, Object> decode(byte[] message) {
        Object decoded = message.length > 0 && message[0] == '{'
                ? ClusterJson.read(new String(message, StandardCharsets.UTF_8)) : node.messagePack().decode(message);
        return asMap(decoded);
    }

    private static byte[] json(Map<String, Object> message) {
        return ClusterJson.write(message).getBytes(StandardCharsets.UTF_8);
    }

    private static Target localTarget(Map<String, Object> request) {
        return ClusterWire.target(asMap(request.get("opts")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new MalformedMessageException("expected an object");
        }
        return (Map<String, Object>) map;
    }
}
