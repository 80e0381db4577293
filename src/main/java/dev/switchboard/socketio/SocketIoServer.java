package dev.switchboard.socketio;

import dev.switchboard.adapter.AdapterFactory;
import dev.switchboard.adapter.PartialAnswers;
import dev.switchboard.config.SwitchboardConfig;
import dev.switchboard.engine.EngineApplication;
import dev.switchboard.engine.EngineSession;
import dev.switchboard.engine.SessionListener;
import dev.switchboard.handler.Broadcast;
import dev.switchboard.handler.HandlerRegistry;
import dev.switchboard.handler.NamespaceHandler;
import dev.switchboard.handler.NamespaceMatcher;
import dev.switchboard.handler.SocketActivity;
import dev.switchboard.handler.SocketClient;
import dev.switchboard.handler.SocketServer;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.spi.JsonProvider;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.logging.Logger;

/**
 * Socket.IO v5 on top of the Engine.IO server: one {@link Client} per session, namespaces built from the
 * handler beans. Also the {@link SocketServer} application code injects.
 */
@ApplicationScoped
public class SocketIoServer implements EngineApplication, SocketServer {
    private static final Logger LOG = Logger.getLogger(SocketIoServer.class.getName());

    @Inject
    SwitchboardConfig config;

    @Inject
    HandlerRegistry handlers;

    @Inject
    Instance<SocketIoObserver> observers;

    @Inject
    AdapterFactory adapters;

    @Inject
    SocketActivity activity;

    private Jsonb jsonb;
    private SocketIoRuntime runtime;
    private Namespaces namespaces;

    @PostConstruct
    void start() {
        jsonb = JsonbBuilder.create();
        SocketIoObserver observer = observers.isResolvable() ? observers.get() : SocketIoObserver.NONE;
        JsonProvider json = JsonProvider.provider();
        runtime = new SocketIoRuntime(new SioEncoder(jsonb), json, jsonb, config.maxAttachments(),
                config.connectTimeout(), new SecureRandom(), observer, adapters, config.recovery(),
                activity);
        namespaces = new Namespaces(handlers.handlers(), handlers.patterns(), runtime);
        LOG.info(() -> "Socket.IO namespaces: " + namespaces.names()
                + (namespaces.patterns().isEmpty() ? "" : ", and those matching " + namespaces.patterns())
                + ", connectTimeout=" + config.connectTimeout() + "ms");
    }

    @PreDestroy
    void stop() {
        try {
            jsonb.close();
        } catch (Exception ignored) {
            // nothing holds resources worth reporting
        }
    }

    @Override
    public SessionListener onOpen(EngineSession session) {
        return new Client(new EngineConnection(session), namespaces::connecting, runtime);
    }

    @Override
    public Broadcast of(String namespace) {
        return namespace(namespace).broadcast();
    }

    @Override
    public Broadcast ofPattern(String pattern) {
        return new ParentBroadcast(namespaces.parent(pattern));
    }

    @Override
    public Broadcast ofMatcher(Class<? extends NamespaceMatcher> matcher) {
        return new ParentBroadcast(namespaces.parent(matcher.getName()));
    }

    @Override
    public Optional<SocketClient> socket(String namespace, String socketId) {
        return namespaces.live(namespace).flatMap(live -> live.socket(socketId)).map(SocketClient.class::cast);
    }

    @Override
    public Set<String> namespaces() {
        return namespaces.names();
    }

    @Override
    public Map<String, Integer> rooms(String namespace) {
        return namespace(namespace).adapter().roomSizes();
    }

    @Override
    public CompletionStage<Set<String>> allRooms(String namespace) {
        return namespace(namespace).adapter().allRooms(false);
    }

    @Override
    public void serverSideEmit(String namespace, String event, Object... args) {
        namespace(namespace).adapter().serverSideEmit(runtime.plain().event(event, args), false);
    }

    @Override
    public CompletionStage<List<Object>> serverSideEmitWithAck(String namespace, String event, Object... args) {
        return AckFailures.asTimeout(namespace(namespace).adapter().serverSideEmit(runtime.plain().event(event, args), true),
                PartialAnswers::getMessage);
    }

    @Override
    public CompletionStage<Integer> serverCount(String namespace) {
        return namespace(namespace).adapter().serverCount();
    }

    /** Connected clients per namespace, for metrics and the admin API. */
    public Map<String, Integer> clientCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        namespaces.all().forEach(namespace -> counts.put(namespace.name(), namespace.size()));
        return counts;
    }

    private Namespace namespace(String name) {
        return namespaces.named(name);
    }
}
