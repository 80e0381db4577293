package dev.switchboard.handler;

/**
 * Decides whether a {@link Namespace} bean with {@link Namespace#matcher} serves a namespace no bean serves by name:
 * Node's {@code io.of((name, auth, next) => next(null, allowed))}. A CDI bean (application-scoped unless it says
 * otherwise), so it can ask other beans; called on the connecting client's thread for the first CONNECT to each name
 * (and again for later ones while the namespace lives), so it must not block.
 */
public interface NamespaceMatcher {

    /**
     * @param namespace the name the client asks for
     * @param handshake its request and CONNECT auth payload (may hold secrets: never log it)
     * @return whether this bean's namespace takes it; false for every bean is {@code Invalid namespace}
     */
    boolean matches(String namespace, Handshake handshake);
}
