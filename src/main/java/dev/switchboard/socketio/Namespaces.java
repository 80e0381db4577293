package dev.switchboard.socketio;

import dev.switchboard.handler.Handshake;
import dev.switchboard.handler.NamespaceHandler;
import dev.switchboard.handler.NamespacePattern;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every namespace of the server: those of one name, made at startup, then, for any other name, the first pattern
 * that matches it makes (or has) a child. Immutable itself; the children live in their {@link ParentNamespace}.
 */
final class Namespaces {
    private final Map<String, Namespace> named;
    private final List<ParentNamespace> parents;

    Namespaces(Map<String, NamespaceHandler> handlers, List<NamespacePattern> patterns, SocketIoRuntime runtime) {
        Map<String, Namespace> built = new TreeMap<>();
        // the main namespace always exists, served or not, as in the reference server
        built.put("/", new Namespace("/", NamespaceHandler.NONE, runtime));
        handlers.forEach((name, handler) -> built.put(name, new Namespace(name, handler, runtime)));
        this.named = Map.copyOf(built);
        this.parents = patterns.stream().map(pattern -> new ParentNamespace(pattern, runtime)).toList();
    }

    /**
     * The namespace a CONNECT asks for, counted as having one member more until the socket made for it is
     * removed; null when nothing serves the name.
     */
    Namespace connecting(String name, Handshake handshake) {
        Namespace namespace = named.get(name);
        if (namespace != null) {
            namespace.acquired();
            return namespace;
        }
        // a live child is its parent's whoever asks: the matcher decided when it was made (as Node asks only then)
        ParentNamespace parent = holding(name).orElseGet(() -> parentOf(name, handshake));
        return parent == null ? null : parent.child(name, true);
    }

    /**
     * The namespace of this name for application code: made from its pattern when it is not live yet (as Node's
     * {@code io.of(name)} makes it), so that an emit reaches it on the other nodes of a cluster too.
     *
     * @throws IllegalArgumentException when nothing serves the name
     */
    Namespace named(String name) {
        Namespace namespace = named.get(name);
        if (namespace != null) {
            return namespace;
        }
        Optional<Namespace> live = live(name);
        if (live.isPresent()) {
            return live.get();
        }
        ParentNamespace parent = parentOf(name, null);
        if (parent == null) {
            throw new IllegalArgumentException("No such namespace: " + name);
        }
        return parent.child(name, false);
    }

    /** A live namespace of this name, never made by asking. */
    Optional<Namespace> live(String name) {
        Namespace namespace = named.get(name);
        if (namespace != null) {
            return Optional.of(namespace);
        }
        return holding(name).map(parent -> parent.existing(name));
    }

    /**
     * @param key a pattern exactly as a {@code @Namespace(pattern)} bean writes it, or a matcher's class name
     * @throws IllegalArgumentException when no bean has it
     */
    ParentNamespace parent(String key) {
        return parents.stream().filter(parent -> parent.pattern().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No @Namespace(pattern or matcher) " + key));
    }

    /** The namespaces live now: those of one name, and the children of every pattern. */
    Collection<Namespace> all() {
        List<Namespace> all = new ArrayList<>(named.values());
        parents.forEach(parent -> all.addAll(parent.children()));
        return all;
    }

    Set<String> names() {
        Set<String> names = new TreeSet<>();
        all().forEach(namespace -> names.add(namespace.name()));
        return names;
    }

    Set<String> patterns() {
        Set<String> patterns = new TreeSet<>();
        parents.forEach(parent -> patterns.add(parent.pattern()));
        return patterns;
    }

    /** The parent with a live child of this name. */
    private Optional<ParentNamespace> holding(String name) {
        return parents.stream().filter(parent -> parent.existing(name) != null).findFirst();
    }

    /** The first family that takes the name: patterns before matchers, as the registry orders them. */
    private ParentNamespace parentOf(String name, Handshake handshake) {
        for (ParentNamespace parent : parents) {
            if (parent.matches(name, handshake)) {
                return parent;
            }
        }
        return null;
    }
}
