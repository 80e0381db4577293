package dev.switchboard.socketio;

import dev.switchboard.handler.Handshake;
import dev.switchboard.handler.NamespacePattern;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The namespaces made from one {@link NamespacePattern} (Node's {@code ParentNamespace}): a child is made on the
 * first CONNECT to a name that matches (or that its matcher takes), and, when the pattern says so, removed when its last socket leaves.
 * Thread-safe: children are made and removed under this object's lock, so a CONNECT never gets a child that is
 * being removed; they are read without it.
 */
final class ParentNamespace {
    private static final Logger LOG = Logger.getLogger(ParentNamespace.class.getName());

    private final NamespacePattern pattern;
    private final SocketIoRuntime runtime;
    // written under this; read anywhere
    private final Map<String, Namespace> children = new ConcurrentHashMap<>();

    ParentNamespace(NamespacePattern pattern, SocketIoRuntime runtime) {
        this.pattern = pattern;
        this.runtime = runtime;
    }

    /** The pattern's text, or the matcher's class name. */
    String pattern() {
        return pattern.key();
    }

    /** @param handshake the connecting client's, or null when application code names the namespace */
    boolean matches(String name, Handshake handshake) {
        return pattern.matches(name, handshake);
    }

    /** The live child of this name, made now if there is none; counted as one member more when {@code joining}. */
    synchronized Namespace child(String name, boolean joining) {
        Namespace child = children.computeIfAbsent(name, made -> {
            LOG.fine(() -> "Namespace " + made + " made from pattern " + pattern());
            return new Namespace(made, pattern.handler(), runtime, this);
        });
        if (joining) {
            child.acquired();
        }
        return child;
    }

    /** The live child of this name, or null: never makes one. */
    Namespace existing(String name) {
        return children.get(name);
    }

    Collection<Namespace> children() {
        return List.copyOf(children.values());
    }

    /**
     * The child's last member left. Checked again under the lock: a CONNECT that took the child meanwhile keeps it;
     * one that comes after finds no child and makes a new one.
     */
    synchronized void emptied(Namespace child) {
        if (pattern.removeWhenEmpty() && child.members() == 0 && children.remove(child.name(), child)) {
            LOG.fine(() -> "Namespace " + child.name() + " removed: its last client left");
            child.close();
        }
    }
}
