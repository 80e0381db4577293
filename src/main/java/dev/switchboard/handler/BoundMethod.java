package dev.switchboard.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;

/**
 * A handler method with its parameters resolved once: which come from the client, the ack, the raw
 * arguments, the event name or the disconnect reason, and which take event arguments (in order).
 */
final class BoundMethod {
    private enum Source { CLIENT, HANDSHAKE, ACK, ARGUMENTS, REASON, EVENT_NAME, EVENT_ARGUMENT }

    /** What a {@code String} parameter of the method means, after those it takes by type. */
    enum Role {
        /** {@link OnEvent}, {@link OnConnect}, {@link OnServerEvent}: every String is an event argument. */
        EVENT,
        /** {@link OnDisconnect}, {@link OnDisconnecting}: a String is the reason. */
        DISCONNECT,
        /** {@link OnAnyEvent}, {@link BeforeEvent}, {@link OnAnyOutgoing}: the first String is the event name. */
        ANY_EVENT
    }

    private final Object bean;
    private final Method method;
    private final Source[] sources;
    private final Type[] types;
    private final boolean takesAck;

    BoundMethod(Object bean, Method method, Role role) {
        this.bean = bean;
        this.method = method;
        Parameter[] parameters = method.getParameters();
        sources = new Source[parameters.length];
        types = new Type[parameters.length];
        boolean ack = false;
        boolean named = false;
        for (int i = 0; i < parameters.length; i++) {
            Class<?> type = parameters[i].getType();
            types[i] = parameters[i].getParameterizedType();
            if (type == SocketClient.class) {
                sources[i] = Source.CLIENT;
            } else if (type == Handshake.class) {
                sources[i] = Source.HANDSHAKE;
            } else if (type == Ack.class) {
                sources[i] = Source.ACK;
                ack = true;
            } else if (type == Arguments.class) {
                sources[i] = Source.ARGUMENTS;
            } else if (role == Role.DISCONNECT && type == String.class) {
                sources[i] = Source.REASON;
            } else if (role == Role.ANY_EVENT && type == String.class && !named) {
                sources[i] = Source.EVENT_NAME;
                named = true;
            } else {
                sources[i] = Source.EVENT_ARGUMENT;
            }
        }
        takesAck = ack;
        method.setAccessible(true);
    }

    String name() {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName();
    }

    boolean takesAck() {
        return takesAck;
    }

    boolean returnsValue() {
        return method.getReturnType() != void.class;
    }

    /**
     * @throws IllegalArgumentException when an event argument does not fit its parameter (the client's mistake)
     * @throws InvocationTargetException when the method itself threw
     */
    Object invoke(SocketClient client, Arguments args, Ack ack, String reason) throws InvocationTargetException {
        return invoke(client, null, args, ack, reason);
    }

    /** As {@link #invoke(SocketClient, Arguments, Ack, String)}, for a method that takes the event's name. */
    Object invoke(SocketClient client, String event, Arguments args, Ack ack, String reason) throws InvocationTargetException {
        Object[] values = new Object[sources.length];
        int next = 0;
        for (int i = 0; i < sources.length; i++) {
            values[i] = switch (sources[i]) {
                case CLIENT -> client;
                case HANDSHAKE -> client.handshake();
                case ACK -> ack == null ? Ack.NONE : ack;
                case ARGUMENTS -> args;
                case REASON -> reason;
                case EVENT_NAME -> event;
                case EVENT_ARGUMENT -> primitiveSafe(args == null ? null : args.get(next++, types[i]), types[i]);
            };
        }
        try {
            return method.invoke(bean, values);
        } catch (IllegalAccessException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /** A missing argument for a primitive parameter is its zero value, not a failed call. */
    private static Object primitiveSafe(Object value, Type type) {
        if (value != null || !(type instanceof Class<?> c) || !c.isPrimitive()) {
            return value;
        }
        if (c == boolean.class) {
            return false;
        }
        if (c == char.class) {
            return '\0';
        }
        if (c == long.class) {
            return 0L;
        }
        if (c == double.class) {
            return 0d;
        }
        if (c == float.class) {
            return 0f;
        }
        if (c == short.class) {
            return (short) 0;
        }
        if (c == byte.class) {
            return (byte) 0;
        }
        return 0;
    }
}
