package dev.switchboard.engine.transport;

/**
 * The cookie a polling handshake sets to the new session's id, as engine.io's {@code cookie} option does
 * ({@code io=<sid>; Path=/; HttpOnly; SameSite=Lax}), so that a load balancer can keep the client's later requests
 * on this node. Only on the handshake's answer: the one response that carries the open packet.
 */
record HandshakeCookie(String name) {

    String header(String sid) {
        return name + "=" + sid + "; Path=/; HttpOnly; SameSite=Lax";
    }
}
