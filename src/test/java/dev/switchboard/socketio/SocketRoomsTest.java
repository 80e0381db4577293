package dev.switchboard.socketio;

import dev.switchboard.engine.CloseReason;
import dev.switchboard.handler.ConnectRejection;
import dev.switchboard.handler.SocketClient;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** A socket is in rooms only while it is connected: never after it was refused, failed or left. */
class SocketRoomsTest {
    private final AtomicReference<SocketClient> socket = new AtomicReference<>();
    private final RecordingConnection connection = new RecordingConnection();

    @Test
    void aSocketRefusedAfterJoiningARoomIsInNoRoom() {
        NamespaceFixture fixture = new NamespaceFixture(client -> {
            client.join("lobby");
            throw new ConnectRejection("not today");
        });
        fixture.connect(connection);
        assertEquals(List.of("4/chat,{\"message\":\"not today\"}"), connection.sent());
        assertEquals(Map.of(), fixture.namespace().adapter().roomSizes());
        assertEquals(Set.of(), fixture.namespace().broadcast().to("lobby").socketIds());
    }

    @Test
    void aConnectHandlerThatThrowsAfterJoiningARoomLeavesItInNoRoomAndTheClientHearsConnectError() {
        NamespaceFixture fixture = new NamespaceFixture(client -> {
            client.join("lobby");
            throw new IllegalStateException("a bug in the handler");
        });
        fixture.connect(connection);
        assertEquals(List.of("4/chat,{\"message\":\"Server error\"}"), connection.sent());
        assertEquals(Map.of(), fixture.namespace().adapter().roomSizes());
    }

    @Test
    void aSocketWhoseConnectionClosedCannotJoinARoom() {
        NamespaceFixture fixture = new NamespaceFixture(socket::set);
        Client client = fixture.connect(connection);
        client.onClose(CloseReason.TRANSPORT_CLOSE);
        assertNotNull(socket.get());
        socket.get().join("late"); // an executor the application handed the socket to, after the client left
        assertEquals(Map.of(), fixture.namespace().adapter().roomSizes());
        assertEquals(Set.of(), socket.get().rooms());
    }

    @Test
    void aSocketTheServerDisconnectedCannotJoinARoom() {
        NamespaceFixture fixture = new NamespaceFixture(socket::set);
        fixture.connect(connection);
        socket.get().disconnect(false);
        assertFalse(socket.get().connected());
        socket.get().join("late");
        assertEquals(Map.of(), fixture.namespace().adapter().roomSizes());
    }
}
