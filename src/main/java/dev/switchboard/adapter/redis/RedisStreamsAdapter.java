package dev.switchboard.adapter.redis;

import dev.switchboard.adapter.Emission;
import dev.switchboard.adapter.LocalRoomsAdapter;
import dev.switchboard.adapter.NamespaceLink;
import dev.switchboard.adapter.RestoredSession;
import dev.switchboard.adapter.SessionRecord;
import dev.switchboard.adapter.SocketDetails;
import dev.switchboard.adapter.Target;
import dev.switchboard.adapter.cluster.AckCollection;
import dev.switchboard.adapter.cluster.AckRequests;
import dev.switchboard.adapter.cluster.MalformedMessageException;
import dev.switchboard.adapter.cluster.MessageType;
import dev.switchboard.adapter.cluster.PendingRequests;
import dev.switchboard.engine.Packet;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
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
 * One namespace on a Redis stream, as Node's {@code @socket.io/redis-streams-adapter} 0.3.1 keeps it: broadcasts
 * and room changes are entries of the namespace's stream (the entry id is the event's offset), requests
 * and answers go over the channels {@code <redisKey>#<nsp>#} and {@code <redisKey>#<nsp>#<uid>#}, and a dropped
 * socket's session is kept at {@code sio:session:<pid>}, so a client recovers on any node, Node ones included.
 * <p>
 * Beyond Node: while a socket lives its session record is kept current in Redis (written when it connects, when
 * its rooms or its attributes change, and again on a timer), so the clients of a node that dies recover on
 * another one. Thread-safe: application threads call it, Lettuce's threads hand it the stream and the channels.
 */
final class RedisStreamsAdapter extends LocalRoomsAdapter implements RedisNamespace {
    private static final Logger LOG = Logger.getLogger(RedisStreamsAdapter.class.getName());
    private static final String SESSION_PREFIX = "sio:session:";
    private static final int EVENT = 2;
    private static final int BINARY_EVENT = 5;
    private static final long CATCH_UP_MILLIS = 2000;
    private static final int RANGE_COUNT = 1000;
    private static final int MAX_RANGE_CALLS = 100;

    private final String namespace;
    private final RedisNode node;
    private final NamespaceLink link;
    private final StreamCodec codec;
    private final byte[] stream;
    // reads this namespace's stream, and every other namespace's of this node on the same stream
    private final StreamReader reader;
    private final String publicChannel;
    private final String privateChannel;
    private final boolean recovers;
    private final PendingRequests requests;
    // the refresh of live sessions, or null without recovery; cancelled when the namespace closes
    private final ScheduledFuture<?> refreshing;
    private final AckRequests ackRequests;
    private final ClusterWire wire = new ClusterWire();

    RedisStreamsAdapter(String namespace, RedisNode node, NamespaceLink link) {
        this.namespace = namespace;
        this.node = node;
        this.link = link;
        this.codec = new StreamCodec(node.messagePack());
        String streamName = node.settings().streamName(namespace);
        this.stream = RedisNode.bytes(streamName);
        this.reader = node.reader(streamName);
        this.publicChannel = node.settings().redisKey() + "#" + namespace + "#";
        this.privateChannel = publicChannel + node.uid() + "#";
        this.recovers = node.recovery().enabled();
        this.requests = new PendingRequests(node.scheduler(), node.settings().redisRequestTimeout(),
                node.stats().requestTimeouts::increment);
        this.ackRequests = new AckRequests(node.scheduler());
        if (recovers) {
            long every = Math.max(1000, Math.min(30_000, node.recovery().maxDisconnectionDuration() / 4));
            this.refreshing = node.scheduler().scheduleWithFixedDelay(this::refreshSessions, every, every, TimeUnit.MILLISECONDS);
        } else {
            this.refreshing = null;
        }
    }

    // ---- the channels ----

    @Override
    public void subscribe(RedisPubSubAsyncCommands<byte[], byte[]> subscriber) {
        subscriber.subscribe(RedisNode.bytes(publicChannel), RedisNode.bytes(privateChannel));
    }

    @Override
    public void unsubscribe(RedisPubSubAsyncCommands<byte[], byte[]> subscriber) {
        subscriber.unsubscribe(RedisNode.bytes(publicChannel), RedisNode.bytes(privateChannel));
    }

    @Override
    public boolean owns(String channel) {
        return channel.equals(publicChannel) || channel.equals(privateChannel);
    }

    /** Its stream's reader stays (other namespaces may share it) and drops what comes for this one from now on. */
    @Override
    public void close() {
        if (refreshing != null) {
            refreshing.cancel(false);
        }
        abandonRequests();
        node.forget(namespace, this);
    }

    @Override
    public void abandonRequests() {
        requests.abandonAll();
    }

    /** A request or an answer from another node, on Lettuce's thread. */
    @Override
    public void onMessage(String channel, byte[] payload) {
        try {
            Map<String, Object> message = codec.message(payload);
            if (node.uid().equals(message.get("uid")) || !namespace.equals(message.get("nsp"))) {
                return;
            }
            MessageType type = MessageType.of(message.get("type"))
                    .orElseThrow(() -> new MalformedMessageException("unknown message type " + message.get("type")));
            Map<String, Object> data = message.get("data") == null ? Map.of() : StreamCodec.map(message.get("data"));
            Object requester = message.get("uid");
            switch (type) {
                case BROADCAST -> onBroadcastWithAcks(requester, data);
                case FETCH_SOCKETS -> onFetchSockets(requester, data);
                case SERVER_SIDE_EMIT -> onServerSideEmit(requester, data);
                case BROADCAST_CLIENT_COUNT -> ackRequests.named(data.get("requestId")).ifPresent(acks -> {
                    if (data.get("clientCount") instanceof Number clients) {
                        acks.counted(clients.intValue());
                    }
                });
                case BROADCAST_ACK -> ackRequests.named(data.get("requestId")).ifPresent(acks -> acks.answered(data.get("packet")));
                case FETCH_SOCKETS_RESPONSE, SERVER_SIDE_EMIT_RESPONSE -> requests.answer(data.get("requestId"), data);
                default -> LOG.fine(() -> "Ignored a " + type + " message on " + channel);
            }
        } catch (MalformedMessageException | ClassCastException | IndexOutOfBoundsException malformed) {
            node.stats().malformed.increment();
            LOG.fine(() -> "Dropped a malformed message on " + channel + ": " + malformed.getMessage());
        }
    }

    // ---- the stream: on the reader's thread, under its lock ----

    /** An entry of the stream for this namespace; {@code own} when this node wrote it and must hand it out from here. */
    void onStreamEntry(StreamId id, Map<String, String> fields, boolean own) {
        try {
            MessageType type = MessageType.of(fields.get("type"))
                    .orElseThrow(() -> new MalformedMessageException("unknown message type " + fields.get("type")));
            Map<String, Object> data = codec.entryData(fields);
            switch (type) {
                case BROADCAST -> {
                    if (data.get("requestId") == null) {
                        Target target = ClusterWire.target(StreamCodec.map(data.get("opts")));
                        local().broadcast(link.frames(event(id, data)), target);
                    }
                }
                case SOCKETS_JOIN -> {
                    if (!own) {
                        super.addSockets(ClusterWire.target(StreamCodec.map(data.get("opts"))), ClusterWire.strings(data.get("rooms")));
                    }
                }
                case SOCKETS_LEAVE -> {
                    if (!own) {
                        super.delSockets(ClusterWire.target(StreamCodec.map(data.get("opts"))), ClusterWire.strings(data.get("rooms")));
                    }
                }
                case DISCONNECT_SOCKETS -> {
                    if (!own) {
                        super.disconnectSockets(ClusterWire.target(StreamCodec.map(data.get("opts"))), Boolean.TRUE.equals(data.get("close")));
                    }
                }
                default -> LOG.fine(() -> "Ignored a " + type + " entry " + id);
            }
        } catch (MalformedMessageException | ClassCastException | IndexOutOfBoundsException malformed) {
            node.stats().malformed.increment();
            LOG.fine(() -> "Dropped malformed stream entry " + id + ": " + malformed.getMessage());
        }
    }

    /** A broadcast entry's {@code [event, ...args]}, with its id last when clients may recover with it. */
    private List<Object> event(StreamId id, Map<String, Object> data) {
        Map<String, Object> packet = StreamCodec.map(data.get("packet"));
        Object type = packet.get("type");
        if (!(type instanceof Number number) || (number.intValue() != EVENT && number.intValue() != BINARY_EVENT)
                || !(packet.get("data") instanceof List<?> args) || args.isEmpty()) {
            throw new MalformedMessageException("a broadcast packet is an event with data");
        }
        List<Object> event = new ArrayList<>(args);
        boolean volatileFlag = ClusterWire.target(StreamCodec.map(data.get("opts"))).isVolatile();
        if (recovers && packet.get("id") == null && !volatileFlag) {
            event.add(id.toString());
        }
        return event;
    }

    // ---- the cluster ----

    @Override
    public int broadcast(Emission emission, Target target) {
        if (target.local()) {
            return local().broadcast(emission.frames(), target);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("packet", packet(emission.data().get()));
        data.put("opts", ClusterWire.options(target));
        int here = local().memberIds(target.rooms(), target.except()).size();
        append(MessageType.BROADCAST, data).whenComplete((id, failure) -> {
            if (failure != null) {
                // Redis is not reached: this node's clients still get it, without an offset to recover from
                local().broadcast(emission.frames(), target);
            } else {
                // handed out when the reading gets to it: in stream order with every other node's events
                reader.whenRead(id, () -> local().broadcast(recovers && !target.isVolatile() ? emission.frames(id.toString())
                        : emission.frames(), target));
            }
        });
        return here;
    }

    @Override
    public CompletionStage<List<Object>> broadcastWithAck(Emission emission, Target target, long timeoutMillis) {
        if (target.local()) {
            return super.broadcastWithAck(emission, target, timeoutMillis);
        }
        List<Object> event = emission.data().get();
        return node.serverCount(publicChannel).thenCompose(servers -> {
            String requestId = wire.newRequestId();
            AckCollection collection = ackRequests.open(requestId, servers, timeoutMillis);
            if (servers > 1) {
                Map<String, Object> options = ClusterWire.options(target);
                options.put("flags", Map.of("timeout", timeoutMillis));
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("packet", packet(event));
                data.put("requestId", requestId);
                data.put("opts", options);
                publish(publicChannel, MessageType.BROADCAST, data);
            }
            askLocalMembers(target, event, timeoutMillis, collection);
            return collection.done();
        });
    }

    private void onBroadcastWithAcks(Object requester, Map<String, Object> data) {
        Object requestId = data.get("requestId");
        if (requestId == null) {
            return; // a plain broadcast comes on the stream, never here
        }
        Map<String, Object> packet = StreamCodec.map(data.get("packet"));
        if (!(packet.get("data") instanceof List<?> args) || args.isEmpty()) {
            throw new MalformedMessageException("a broadcast packet is an event with data");
        }
        Map<String, Object> opts = StreamCodec.map(data.get("opts"));
        long timeout = ClusterWire.ackTimeout(opts, node.settings().redisRequestTimeout());
        List<Member> members = localMembers(ClusterWire.target(opts));
        String to = responseChannel(requester);
        publish(to, MessageType.BROADCAST_CLIENT_COUNT, Map.of("requestId", requestId, "clientCount", members.size()));
        List<Object> event = new ArrayList<>(args);
        for (Member member : members) {
            member.emitWithAck(event, timeout).thenAccept(answer -> {
                Map<String, Object> ack = new LinkedHashMap<>();
                ack.put("requestId", requestId);
                ack.put("packet", answer.isEmpty() ? null : answer.get(0)); // Node's callback takes the first argument only
                publish(to, MessageType.BROADCAST_ACK, ack);
            });
        }
    }

    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(Target target) {
        List<SocketDetails> here = localMembers(target).stream().map(member -> member.details(this)).toList();
        if (target.local()) {
            return CompletableFuture.completedFuture(here);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opts", ClusterWire.options(target));
        return ask(MessageType.FETCH_SOCKETS, data).thenApply(answers -> {
            List<SocketDetails> all = new ArrayList<>(here);
            for (Map<String, Object> answer : answers) {
                if (answer.get("sockets") instanceof List<?> sockets) {
                    sockets.forEach(socket -> ClusterWire.details(socket).ifPresent(all::add));
                }
            }
            return all;
        });
    }

    private void onFetchSockets(Object requester, Map<String, Object> data) {
        List<Object> sockets = new ArrayList<>();
        localMembers(ClusterWire.target(StreamCodec.map(data.get("opts"))))
                .forEach(member -> sockets.add(ClusterWire.describe(member.details(this))));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("requestId", data.get("requestId"));
        response.put("sockets", sockets);
        publish(responseChannel(requester), MessageType.FETCH_SOCKETS_RESPONSE, response);
    }

    @Override
    public void addSockets(Target target, Set<String> rooms) {
        if (!target.local()) {
            append(MessageType.SOCKETS_JOIN, Map.of("opts", ClusterWire.options(target), "rooms", List.copyOf(rooms)));
        }
        super.addSockets(target, rooms);
    }

    @Override
    public void delSockets(Target target, Set<String> rooms) {
        if (!target.local()) {
            append(MessageType.SOCKETS_LEAVE, Map.of("opts", ClusterWire.options(target), "rooms", List.copyOf(rooms)));
        }
        super.delSockets(target, rooms);
    }

    @Override
    public void disconnectSockets(Target target, boolean closeConnection) {
        if (!target.local()) {
            append(MessageType.DISCONNECT_SOCKETS, Map.of("opts", ClusterWire.options(target), "close", closeConnection));
        }
        super.disconnectSockets(target, closeConnection);
    }

    /** Node's streams adapter has no request for rooms: they are gathered from every node's sockets. */
    @Override
    public CompletionStage<Set<String>> allRooms(boolean localOnly) {
        if (localOnly) {
            return CompletableFuture.completedFuture(Set.copyOf(roomSizes().keySet()));
        }
        return fetchSockets(new Target(Set.of(), Set.of(), false)).thenApply(sockets -> {
            Set<String> rooms = new LinkedHashSet<>(roomSizes().keySet());
            sockets.forEach(socket -> rooms.addAll(socket.rooms()));
            return rooms;
        });
    }

    @Override
    public CompletionStage<List<Object>> serverSideEmit(List<Object> event, boolean withAck) {
        if (!withAck) {
            publish(publicChannel, MessageType.SERVER_SIDE_EMIT, Map.of("packet", event));
            return CompletableFuture.completedFuture(List.of());
        }
        return node.serverCount(publicChannel).thenCompose(count -> {
            int others = count - 1;
            String requestId = wire.newRequestId();
            CompletableFuture<List<Object>> answers = requests.expectValues(requestId, others, "packet");
            if (others > 0) {
                publish(publicChannel, MessageType.SERVER_SIDE_EMIT, Map.of("requestId", requestId, "packet", event));
            }
            return answers;
        });
    }

    private void onServerSideEmit(Object requester, Map<String, Object> data) {
        if (!(data.get("packet") instanceof List<?> packet) || packet.isEmpty()) {
            throw new MalformedMessageException("a server-side event is [event, ...args]");
        }
        List<Object> event = new ArrayList<>(packet);
        Object requestId = data.get("requestId");
        if (requestId == null) {
            link.serverEvent(event, null);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        link.serverEvent(event, value -> {
            if (answered.compareAndSet(false, true)) {
                Map<String, Object> response = new LinkedHashMap<>();
                response.put("requestId", requestId);
                response.put("packet", value);
                publish(responseChannel(requester), MessageType.SERVER_SIDE_EMIT_RESPONSE, response);
            }
        });
    }

    @Override
    public CompletionStage<Integer> serverCount() {
        return node.serverCount(publicChannel);
    }

    /** A request every other node answers on this node's channel: published once the answers are awaited. */
    private CompletionStage<List<Map<String, Object>>> ask(MessageType type, Map<String, Object> data) {
        return node.serverCount(publicChannel).thenCompose(count -> {
            String requestId = wire.newRequestId();
            CompletableFuture<List<Map<String, Object>>> answers = requests.expect(requestId, count - 1);
            if (count > 1) {
                data.put("requestId", requestId);
                publish(publicChannel, type, data);
            }
            return answers;
        });
    }

    // ---- connection state recovery ----

    @Override
    public boolean recovers() {
        return recovers;
    }

    @Override
    public void add(Member member, Set<String> rooms) {
        super.add(member, rooms);
        if (recovers) {
            member.session().ifPresent(this::keep);
        }
    }

    @Override
    public void remove(String memberId, String room) {
        super.remove(memberId, room);
        if (recovers) {
            member(memberId).flatMap(Member::session).ifPresent(this::keep);
        }
    }

    @Override
    public void sessionChanged(Member member) {
        if (recovers) {
            member.session().ifPresent(this::keep);
        }
    }

    @Override
    public void persistSession(SessionRecord session) {
        if (recovers) {
            keep(session);
        }
    }

    @Override
    public void dropSession(String pid) {
        node.command(commands -> commands.del(sessionKey(pid)));
    }

    /** Every live session of this node written again: its attributes as of now, its expiry pushed back. */
    private void refreshSessions() {
        try {
            local().memberIds(Set.of(), Set.of()).forEach(id -> member(id).flatMap(Member::session).ifPresent(this::keep));
        } catch (RuntimeException bug) {
            LOG.log(java.util.logging.Level.WARNING, "Could not refresh the sessions of " + namespace, bug);
        }
    }

    /** Writes the session as Node's adapter persists one, for maxDisconnectionDuration from now. */
    private void keep(SessionRecord session) {
        byte[] record;
        try {
            record = codec.session(session, link.plain(session.data()));
        } catch (RuntimeException unwritable) {
            LOG.fine(() -> "Session of socket " + session.sid() + " kept without its attributes: " + unwritable.getMessage());
            record = codec.session(session, Map.of());
        }
        byte[] value = record;
        node.command(commands -> commands.set(sessionKey(session.pid()), value,
                SetArgs.Builder.px(node.recovery().maxDisconnectionDuration())));
    }

    @Override
    public CompletionStage<Optional<RestoredSession>> restoreSession(String pid, String offset,
                                                                     Function<SessionRecord, Member> remake) {
        Optional<StreamId> from = StreamId.parse(offset);
        if (!recovers || from.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        CompletableFuture<byte[]> stored = node.command(commands -> commands.getdel(sessionKey(pid))).toCompletableFuture();
        CompletableFuture<List<StreamMessage<byte[], byte[]>>> there =
                node.command(commands -> commands.xrange(stream, Range.create(offset, offset))).toCompletableFuture();
        return stored.thenCombine(there, (record, entries) -> record == null || entries.isEmpty() ? null : codec.session(record))
                .thenCompose(session -> {
                    if (session == null || local().member(session.sid()).isPresent()) {
                        // unknown, expired, the offset gone from the stream, or the socket still here on a link
                        // this node has not seen drop yet
                        return CompletableFuture.completedFuture(Optional.<RestoredSession>empty());
                    }
                    Member member = remake.apply(session);
                    return reader.atPosition(from.get(), CATCH_UP_MILLIS, () -> add(member, session.rooms()))
                            .thenCompose(line -> missed(from.get(), line, session, new ArrayList<>(), 0))
                            .thenApply(missed -> Optional.of(new RestoredSession(member, missed)))
                            .exceptionally(failure -> {
                                removeAll(member);
                                LOG.fine(() -> "Could not read what socket " + session.sid() + " missed: " + failure);
                                return Optional.empty();
                            });
                })
                .exceptionally(failure -> {
                    LOG.fine(() -> "Could not recover a session: " + failure);
                    return Optional.empty();
                });
    }

    /** Frames of every event for the session after {@code after} up to {@code line}, oldest first. */
    private CompletionStage<List<List<Packet>>> missed(StreamId after, StreamId line, SessionRecord session,
                                                       List<List<Packet>> found, int calls) {
        if (after.compareTo(line) >= 0 || calls >= MAX_RANGE_CALLS) {
            return CompletableFuture.completedFuture(found);
        }
        Range<String> range = Range.create(after.next().toString(), line.toString());
        return node.command(commands -> commands.xrange(stream, range, Limit.from(RANGE_COUNT)))
                .thenCompose(entries -> {
                    if (entries.isEmpty()) {
                        return CompletableFuture.completedFuture(found);
                    }
                    StreamId last = after;
                    for (StreamMessage<byte[], byte[]> entry : entries) {
                        StreamId id = StreamId.parse(entry.getId()).orElse(last);
                        missedEvent(id, entry.getBody(), session).ifPresent(found::add);
                        last = id;
                    }
                    return missed(last, line, session, found, calls + 1);
                });
    }

    private Optional<List<Packet>> missedEvent(StreamId id, Map<byte[], byte[]> body, SessionRecord session) {
        Map<String, String> fields = new LinkedHashMap<>();
        body.forEach((key, value) -> fields.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8)));
        if (!namespace.equals(fields.get("nsp")) || !String.valueOf(MessageType.BROADCAST.code()).equals(fields.get("type"))) {
            return Optional.empty();
        }
        try {
            Map<String, Object> data = codec.entryData(fields);
            Target target = ClusterWire.target(StreamCodec.map(data.get("opts")));
            if (data.get("requestId") != null || target.isVolatile() || !session.wanted(target.rooms(), target.except())) {
                return Optional.empty(); // Node 0.3.1 replays a volatile one; Node's own memory adapter does not, nor do we
            }
            return Optional.of(link.frames(event(id, data)));
        } catch (MalformedMessageException | ClassCastException | IndexOutOfBoundsException malformed) {
            LOG.fine(() -> "Left out malformed stream entry " + id + ": " + malformed.getMessage());
            return Optional.empty();
        }
    }

    // ---- helpers ----

    private CompletionStage<StreamId> append(MessageType type, Object data) {
        XAddArgs trimmed = new XAddArgs().maxlen(node.recovery().maxPackets()).approximateTrimming();
        Map<byte[], byte[]> entry = codec.entry(node.uid(), namespace, type, data);
        return node.command(commands -> commands.xadd(stream, trimmed, entry))
                .thenApply(id -> StreamId.parse(id).orElseThrow(() -> new IllegalStateException("not a stream id: " + id)))
                .whenComplete((id, failure) -> {
                    if (failure != null) {
                        node.stats().publishFailures.increment();
                        LOG.fine(() -> "XADD to the stream failed: " + failure);
                    } else {
                        node.stats().published.increment();
                    }
                });
    }

    private void publish(String channel, MessageType type, Object data) {
        node.publish(channel, codec.message(node.uid(), namespace, type, data));
    }

    private String responseChannel(Object requester) {
        if (!(requester instanceof String uid) || uid.isEmpty() || uid.contains("#")) {
            throw new MalformedMessageException("a request names its sender");
        }
        return publicChannel + uid + "#";
    }

    private Map<String, Object> packet(List<Object> event) {
        Map<String, Object> packet = new LinkedHashMap<>();
        packet.put("type", EVENT);
        packet.put("data", event);
        packet.put("nsp", namespace);
        return packet;
    }

    private static byte[] sessionKey(String pid) {
        return RedisNode.bytes(SESSION_PREFIX + pid);
    }
}
