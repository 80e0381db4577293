package dev.switchboard.adapter;

/** Makes the adapter of each namespace; which kind is the deployment's setting, unknown to the socketio layer. */
public interface AdapterFactory {

    /** @param link what the adapter hands back to the namespace from other nodes */
    Adapter create(String namespace, NamespaceLink link);

    /** One node, rooms in memory. */
    AdapterFactory MEMORY = (namespace, link) -> new InMemoryAdapter();
}
