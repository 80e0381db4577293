package dev.switchboard.handler;

import dev.switchboard.handler.BoundMethod.Role;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The {@link NamespaceHandler} made of every {@link Namespace} bean of one namespace. A handler that throws
 * is logged once, with the socket id and the event; the connection stays up.
 */
final class HandlerMethods implements NamespaceHandler {
    private static final Logger LOG = Logger.getLogger(HandlerMethods.class.getName());

    private final String namespace;
    private final List<BoundMethod> connects = new ArrayList<>();
    private final List<BoundMethod> disconnectings = new ArrayList<>();
    private final List<BoundMethod> disconnects = new ArrayList<>();
    private final List<BoundMethod> middleware = new ArrayList<>();
    private final List<BoundMethod> catchAll = new ArrayList<>();
    private final List<BoundMethod> outgoing = new ArrayList<>();
    private final Map<String, List<BoundMethod>> events = new HashMap<>();
    private final Map<String, List<BoundMethod>> serverEvents = new HashMap<>();

    private HandlerMethods(String namespace) {
        this.namespace = namespace;
    }

    /**
     * @param beans each handler class with its instance: the instance itself or a client proxy; the class's own
     *              methods and its superclasses' are scanned, never the proxy's
     */
    static HandlerMethods of(String namespace, Map<Class<?>, Object> beans) {
        HandlerMethods methods = new HandlerMethods(namespace);
        for (Map.Entry<Class<?>, Object> entry : beans.entrySet()) {
            Object bean = entry.getValue();
            for (Class<?> type = entry.getKey(); type != null && type != Object.class; type = type.getSuperclass()) {
                for (Method method : type.getDeclaredMethods()) {
                    methods.bind(bean, method);
                }
            }
        }
        return methods;
    }

    private void bind(Object bean, Method method) {
        if (method.isAnnotationPresent(OnConnect.class)) {
            connects.add(new BoundMethod(bean, method, Role.EVENT));
        }
        if (method.isAnnotationPresent(OnDisconnecting.class)) {
            disconnectings.add(new BoundMethod(bean, method, Role.DISCONNECT));
        }
        if (method.isAnnotationPresent(OnDisconnect.class)) {
            disconnects.add(new BoundMethod(bean, method, Role.DISCONNECT));
        }
        if (method.isAnnotationPresent(BeforeEvent.class)) {
            middleware.add(new BoundMethod(bean, method, Role.ANY_EVENT));
        }
        if (method.isAnnotationPresent(OnAnyEvent.class)) {
            catchAll.add(new BoundMethod(bean, method, Role.ANY_EVENT));
        }
        if (method.isAnnotationPresent(OnAnyOutgoing.class)) {
            outgoing.add(new BoundMethod(bean, method, Role.ANY_EVENT));
        }
        OnServerEvent onServerEvent = method.getAnnotation(OnServerEvent.class);
        if (onServerEvent != null) {
            serverEvents.computeIfAbsent(onServerEvent.value(), e -> new ArrayList<>()).add(new BoundMethod(bean, method, Role.EVENT));
        }
        OnEvent onEvent = method.getAnnotation(OnEvent.class);
        if (onEvent != null) {
            events.computeIfAbsent(onEvent.value(), e -> new ArrayList<>()).add(new BoundMethod(bean, method, Role.EVENT));
        }
    }

    String describe() {
        return connects.size() + " connect, " + events.size() + " event (" + String.join(", ", events.keySet().stream().sorted().toList())
                + "), " + disconnects.size() + " disconnect handler(s)"
                + (disconnectings.isEmpty() ? "" : ", " + disconnectings.size() + " disconnecting")
                + (middleware.isEmpty() ? "" : ", " + middleware.size() + " before-event")
                + (catchAll.isEmpty() ? "" : ", " + catchAll.size() + " catch-all")
                + (outgoing.isEmpty() ? "" : ", " + outgoing.size() + " outgoing")
                + (serverEvents.isEmpty() ? "" : ", server-side events " + serverEvents.keySet().stream().sorted().toList());
    }

    @Override
    public void onServerEvent(String event, Arguments args, Ack ack) {
        List<BoundMethod> handlers = serverEvents.get(event);
        if (handlers == null) {
            LOG.fine(() -> "No handler for server-side event '" + event + "' in " + namespace);
            return;
        }
        for (BoundMethod method : handlers) {
            try {
                Object result = method.invoke(null, args, ack, null);
                if (ack != null && !method.takesAck() && method.returnsValue()) {
                    if (result instanceof CompletionStage<?> stage) {
                        stage.thenAccept(ack::send);
                    } else {
                        ack.send(result);
                    }
                }
            } catch (IllegalArgumentException mismatch) {
                LOG.fine(() -> "Server-side event '" + event + "' has arguments " + method.name() + " cannot take: "
                        + mismatch.getMessage());
            } catch (InvocationTargetException thrown) {
                LOG.log(Level.SEVERE, method.name() + " failed on server-side event '" + event + "' in " + namespace, thrown.getCause());
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, method.name() + " could not be called on server-side event '" + event + "'", bug);
            }
        }
    }

    @Override
    public void onConnect(SocketClient client) {
        for (BoundMethod method : connects) {
            try {
                method.invoke(client, null, null, null);
            } catch (InvocationTargetException thrown) {
                if (thrown.getCause() instanceof ConnectRejection rejection) {
                    throw rejection;
                }
                LOG.log(Level.SEVERE, method.name() + " failed on connect of socket " + client.id() + " to " + namespace, thrown.getCause());
                throw new ConnectRejection("Server error");
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, method.name() + " could not be called on connect of socket " + client.id(), bug);
                throw new ConnectRejection("Server error");
            }
        }
    }

    @Override
    public void onEvent(SocketClient client, String event, Arguments args, Ack ack) {
        if (!passes(client, event, args)) {
            return;
        }
        List<BoundMethod> handlers = events.get(event);
        if (handlers == null && catchAll.isEmpty()) {
            LOG.fine(() -> "No handler for event '" + event + "' in " + namespace);
            return;
        }
        for (BoundMethod method : handlers != null ? handlers : catchAll) {
            try {
                Object result = method.invoke(client, event, args, ack, null);
                if (ack != null && !method.takesAck() && method.returnsValue()) {
                    acknowledge(ack, result, client, event, method);
                }
            } catch (IllegalArgumentException clientMistake) {
                LOG.fine(() -> "Socket " + client.id() + " sent '" + event + "' with arguments " + method.name()
                        + " cannot take: " + clientMistake.getMessage());
            } catch (InvocationTargetException thrown) {
                LOG.log(Level.SEVERE, method.name() + " failed on event '" + event + "' of socket " + client.id(), thrown.getCause());
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, method.name() + " could not be called on event '" + event + "' of socket " + client.id(), bug);
            }
        }
    }

    /**
     * Runs the {@link BeforeEvent} methods until one stops the event; the client then hears why in an {@code error}
     * event. A method that fails otherwise stops the event too: middleware that cannot decide must not let it by.
     */
    private boolean passes(SocketClient client, String event, Arguments args) {
        for (BoundMethod method : middleware) {
            try {
                method.invoke(client, event, args, null, null);
            } catch (InvocationTargetException thrown) {
                if (thrown.getCause() instanceof EventRejection rejection) {
                    LOG.fine(() -> method.name() + " stopped '" + event + "' of socket " + client.id() + ": " + rejection.getMessage());
                    client.emit("error", errorBody(String.valueOf(rejection.getMessage()), rejection.data()));
                } else {
                    LOG.log(Level.SEVERE, method.name() + " failed on event '" + event + "' of socket " + client.id(), thrown.getCause());
                    client.emit("error", errorBody("Server error", null));
                }
                return false;
            } catch (IllegalArgumentException clientMistake) {
                LOG.fine(() -> "Socket " + client.id() + " sent '" + event + "' with arguments " + method.name()
                        + " cannot take: " + clientMistake.getMessage());
                client.emit("error", errorBody("Invalid arguments", null));
                return false;
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, method.name() + " could not be called on event '" + event + "' of socket " + client.id(), bug);
                client.emit("error", errorBody("Server error", null));
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> errorBody(String message, Object data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        if (data != null) {
            body.put("data", data);
        }
        return body;
    }

    @Override
    public boolean watchesOutgoing() {
        return !outgoing.isEmpty();
    }

    @Override
    public void onOutgoing(SocketClient client, String event, Arguments args) {
        for (BoundMethod method : outgoing) {
            try {
                method.invoke(client, event, args, null, null);
            } catch (InvocationTargetException thrown) {
                LOG.log(Level.SEVERE, method.name() + " failed on outgoing event '" + event + "' to socket " + client.id(), thrown.getCause());
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, method.name() + " could not be called on outgoing event '" + event + "'", bug);
            }
        }
    }

    private static void acknowledge(Ack ack, Object result, SocketClient client, String event, BoundMethod method) {
        if (result instanceof CompletionStage<?> stage) {
            stage.whenComplete((value, failure) -> {
                if (failure != null) {
                    LOG.log(Level.SEVERE, method.name() + " failed on event '" + event + "' of socket " + client.id(), failure);
                } else {
                    ack.send(value);
                }
            });
        } else {
            ack.send(result);
        }
    }

    @Override
    public void onDisconnecting(SocketClient client, String reason) {
        leaving(disconnectings, client, reason);
    }

    @Override
    public void onDisconnect(SocketClient client, String reason) {
        leaving(disconnects, client, reason);
    }

    private void leaving(List<BoundMethod> methods, SocketClient client, String reason) {
        for (BoundMethod method : methods) {
            try {
                method.invoke(client, null, null, reason);
            } catch (InvocationTargetException thrown) {
                LOG.log(Level.SEVERE, method.name() + " failed on disconnect of socket " + client.id(), thrown.getCause());
            } catch (RuntimeException bug) {
                LOG.log(Level.SEVERE, method.name() + " could not be called on disconnect of socket " + client.id(), bug);
            }
        }
    }
}
