package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.function.Consumer;

/** What a cluster adapter hands back to its namespace from other nodes. Called on the adapter's threads. */
public interface NamespaceLink {

    /** Frames for this node's clients of an event another node broadcast ({@code [event, ...args]}, plain values). */
    List<Packet> frames(List<Object> event);

    /**
     * A server-side event from another node ({@code [event, ...args]}, plain values) for the namespace's handlers;
     * {@code answer} takes the first answer's first value, or is null when the sender wants none.
     */
    void serverEvent(List<Object> event, Consumer<Object> answer);

    /** An application value (a socket attribute, say) as plain values other nodes can read. */
    Object plain(Object value);
}
