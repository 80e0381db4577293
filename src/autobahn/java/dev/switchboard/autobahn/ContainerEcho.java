package dev.switchboard.autobahn;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * {@code /echo} on the container's own Jakarta WebSocket (Tyrus on Payara), for {@code websocket=container}:
 * every text or binary message back as it came. With the default setting {@link EchoFilter} answers the upgrade
 * first and this endpoint never sees a connection. Test builds only.
 */
@ServerEndpoint("/echo")
public class ContainerEcho {

    @OnOpen
    public void open(Session session) {
        session.setMaxTextMessageBufferSize(EchoLimit.bytes());
        session.setMaxBinaryMessageBufferSize(EchoLimit.bytes());
    }

    @OnMessage(maxMessageSize = EchoLimit.DEFAULT)
    public void text(Session session, String message) throws IOException {
        session.getBasicRemote().sendText(message);
    }

    @OnMessage(maxMessageSize = EchoLimit.DEFAULT)
    public void binary(Session session, ByteBuffer message) throws IOException {
        session.getBasicRemote().sendBinary(message);
    }
}
