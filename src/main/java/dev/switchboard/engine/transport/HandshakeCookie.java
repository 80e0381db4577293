package dev.switchboard.engine.transport;

import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.core.Response;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * The cookie a polling handshake sets to the new session's id, as engine.io's {@code cookie} option does
 * ({@code io=<sid>; Path=/; HttpOnly; SameSite=Lax}), so that a load balancer can keep the client's later requests
 * on this node. Only on the handshake's answer: the one response that carries the open packet.
 */
record HandshakeCookie(String name) {

    String header(String sid) {
        return name + "=" + sid + "; Path=/; HttpOnly; SameSite=Lax";
    }

    /** The handshake GET's response, with the cookie added to the answer it is resumed with. */
    AsyncResponse on(AsyncResponse response, String sid) {
        return (AsyncResponse) Proxy.newProxyInstance(AsyncResponse.class.getClassLoader(), new Class<?>[] {AsyncResponse.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("resume") && args != null && args.length == 1 && args[0] instanceof Response answer
                            && answer.getStatus() == 200) {
                        args = new Object[] {Response.fromResponse(answer).header("Set-Cookie", header(sid)).build()};
                    }
                    try {
                        return method.invoke(response, args);
                    } catch (InvocationTargetException thrown) {
                        throw thrown.getCause();
                    }
                });
    }
}
