package dev.switchboard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which thread handles a packet a transport reports: setting handleOnReadThread. */
class EngineSessionThreadsTest {
    private final List<Runnable> workers = new ArrayList<>();
    private final EngineScheduler scheduler = new EngineScheduler(Thread::new);

    @AfterEach
    void stopTimer() {
        scheduler.shutdown();
    }

    private EngineSession session(boolean handleOnReadThread, Transport transport) {
        SessionSettings settings = new SessionSettings(25000, 20000, 1000, 10000, 100, 200, handleOnReadThread);
        ClientRequest request = new ClientRequest("GET", "/socket.io/", Map.of("EIO", "4", "transport", "websocket"),
                Map.of(), "127.0.0.1", false);
        return new EngineSession("sid", request, transport, settings, workers::add, scheduler, session -> { });
    }

    @Test
    void anIdleSessionHandlesThePacketOnTheReadingThread() {
        Transport transport = new SilentTransport();
        session(true, transport).onPacket(transport, Packet.message("hello"));
        assertTrue(workers.isEmpty(), "handled on the caller, no worker involved");
    }

    @Test
    void withTheSettingOffEveryPacketGoesToAWorker() {
        Transport transport = new SilentTransport();
        session(false, transport).onPacket(transport, Packet.message("hello"));
        assertEquals(1, workers.size(), "handed to the worker pool");
    }

    /** A transport that takes whatever it is given and reports nothing. */
    private static final class SilentTransport implements Transport {
        @Override
        public String name() {
            return "websocket";
        }

        @Override
        public List<String> upgrades() {
            return List.of();
        }

        @Override
        public void bind(TransportListener listener) {
        }

        @Override
        public boolean isWritable() {
            return true;
        }

        @Override
        public boolean send(List<Packet> packets) {
            return true;
        }

        @Override
        public void close() {
        }

        @Override
        public void discard() {
        }

        @Override
        public void refuse(EngineError error) {
        }
    }
}
