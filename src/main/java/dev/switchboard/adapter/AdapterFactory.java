package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.List;
import java.util.function.Function;

/** Makes the adapter of each namespace; which kind is the deployment's setting, unknown to the socketio layer. */
public interface AdapterFactory {

    /**
     * @param frames encodes an event that came from another node ({@code [event, ...args]} as plain values) into
     *               frames for this node's clients of the namespace
     */
    Adapter create(String namespace, Function<List<Object>, List<Packet>> frames);

    /** One node, rooms in memory. */
    AdapterFactory MEMORY = (namespace, frames) -> new InMemoryAdapter();
}
