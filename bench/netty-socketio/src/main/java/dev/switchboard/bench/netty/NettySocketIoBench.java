package dev.switchboard.bench.netty;

import com.corundumstudio.socketio.AckMode;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIONamespace;
import com.corundumstudio.socketio.SocketIOServer;

import java.util.Map;

/**
 * netty-socketio with the benchmark's /bench namespace, the contract of bench/server.mjs, as a peer to compare
 * Switchboard with. Started by bench/servers.mjs:
 * <pre>java -jar target/bench/netty-socketio-bench.jar PORT</pre>
 * Listens on 127.0.0.1 only and prints one line when it does; stops on SIGTERM.
 */
public final class NettySocketIoBench {

    private NettySocketIoBench() {
    }

    public static void main(String[] args) {
        SocketIOServer server = new SocketIOServer(configuration(Integer.parseInt(args[0])));
        BroadcastPacer pacer = new BroadcastPacer();
        SocketIONamespace bench = server.addNamespace("/bench");

        bench.addEventListener("echo", Object.class, (client, payload, ack) -> ack.sendAckData(payload));
        bench.addEventListener("join", String.class, (client, room, ack) -> {
            client.joinRoom(room);
            ack.sendAckData(true);
        });
        bench.addEventListener("broadcast", BroadcastRequest.class, (client, request, ack) ->
            pacer.start(bench.getRoomOperations(request.room()), request, () -> ack.sendAckData(Map.of("sent", request.count()))));

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            pacer.stop();
            server.stop();
        }));
        server.start();
        System.out.println("netty-socketio listening on 127.0.0.1:" + args[0]);
    }

    /** Node's socket.io defaults where netty-socketio has the setting, so the servers do the same work. */
    static Configuration configuration(int port) {
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(port);
        config.setPingInterval(25_000);
        config.setPingTimeout(20_000); // netty-socketio's own default is 60 s
        // maxHttpBufferSize 1e6 (netty-socketio's defaults are 64 KiB)
        config.setMaxFramePayloadLength(1_000_000);
        config.setMaxHttpContentLength(1_000_000);
        // Node's perMessageDeflate is off; netty-socketio's would compress every frame the client lets it
        config.setWebsocketCompression(false);
        // the broadcast acknowledges when its last event is out, after its listener has returned
        config.setAckMode(AckMode.MANUAL);
        return config;
    }
}
