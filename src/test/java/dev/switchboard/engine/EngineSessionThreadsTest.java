package dev.switchboard.engine;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which thread handles a packet a transport reports: setting handleOnReadThread. */
class EngineSessionThreadsTest {
    /** The worker pool: tasks handed to it wait here until the test runs them. */
    private final List<Runnable> workers = new ArrayList<>();
    private final EngineScheduler scheduler = new EngineScheduler(Thread::new, Runnable::run);
    /** The threads the application heard each message on, in order. */
    private final List<Thread> handledOn = new ArrayList<>();

    @AfterEach
    void stopTimer() {
        scheduler.shutdown();
    }

    /** A session that is open (its open task already run by a worker) and idle. */
    private EngineSession openSession(boolean handleOnReadThread, Transport transport) {
        SessionSettings settings = new SessionSettings(25000, 20000, 1000, 10000, 100, 200, Long.MAX_VALUE, handleOnReadThread);
        ClientRequest request = new ClientRequest("GET", "/socket.io/", Map.of("EIO", "4", "transport", "websocket"),
                Map.of(), "127.0.0.1", false);
        EngineSession session = new EngineSession("sid", request, transport, settings, workers::add, scheduler, closed -> { });
        session.open(opened -> new SessionListener() {
            @Override
            public void onMessage(Packet packet) {
                handledOn.add(Thread.currentThread());
            }

            @Override
            public void onClose(CloseReason reason) {
            }
        });
        runWorkers();
        return session;
    }

    private void runWorkers() {
        while (!workers.isEmpty()) {
            workers.remove(0).run();
        }
    }

    @Test
    void anIdleSessionHandlesThePacketOnTheReadingThread() {
        Transport transport = new RecordingTransport();
        openSession(true, transport).onPacket(transport, Packet.message("hello"));
        assertEquals(List.of(Thread.currentThread()), handledOn, "handled on the caller, before it returned");
        runWorkers(); // the flush of the session's writes, if any, may still be queued: nothing more is handled
        assertEquals(1, handledOn.size());
    }

    @Test
    void withTheSettingOffEveryPacketGoesToAWorker() {
        Transport transport = new RecordingTransport();
        openSession(false, transport).onPacket(transport, Packet.message("hello"));
        assertTrue(handledOn.isEmpty(), "not handled on the caller");
        Thread worker = new Thread(this::runWorkers, "worker");
        worker.start();
        join(worker);
        assertEquals(1, handledOn.size());
        assertSame(worker, handledOn.get(0), "handled by the worker pool");
    }

    private static void join(Thread thread) {
        try {
            thread.join(5000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
