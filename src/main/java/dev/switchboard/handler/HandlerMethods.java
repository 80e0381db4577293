package dev.switchboard.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final List<BoundMethod> disconnects = new ArrayList<>();
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
                    if (method.isAnnotationPresent(OnConnect.class)) {
                        methods.connects.add(new BoundMethod(bean, method, false));
                    }
                    if (method.isAnnotationPresent(OnDisconnect.class)) {
                        methods.disconnects.add(new BoundMethod(bean, method, true));
                    }
                    OnServerEvent onServerEvent = method.getAnnotation(OnServerEvent.class);
                    if (onServerEvent != null) {
                        methods.serverEvents.computeIfAbsent(onServerEvent.value(), e -> new ArrayList<>())
                                .add(new BoundMethod(bean, method, false));
                    }
                    OnEvent onEvent = method.getAnnotation(OnEvent.class);
                    if (onEvent != null) {
                        methods.events.computeIfAbsent(onEvent.value(), e -> new ArrayList<>()).add(new BoundMethod(bean, method, false));
                    }
                }
            }
        }
        return methods;
    }

    String describe() {
        return connects.size() + " connect, " + events.size() + " event (" + String.join(", ", events.keySet().stream().sorted().toList())
                + "), " + disconnects.size() + " disconnect handler(s)"
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
        List<BoundMethod> handlers = events.get(event);
        if (handlers == null) {
            LOG.fine(() -> "No handler for event '" + event + "' in " + namespace);
            return;
        }
        for (BoundMethod method : handlers) {
            try {
                Object result = method.invoke(client, args, ack, null);
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
    public void onDisconnect(SocketClient client, String reason) {
        for (BoundMethod method : disconnects) {
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
