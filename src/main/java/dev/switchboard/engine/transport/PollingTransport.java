package dev.switchboard.engine.transport;

import dev.switchboard.engine.Capacity;
import dev.switchboard.engine.CloseReason;
import dev.switchboard.engine.EngineError;
import dev.switchboard.engine.EngineObserver;
import dev.switchboard.engine.Limit;
import dev.switchboard.engine.MalformedPacketException;
import dev.switchboard.engine.Packet;
import dev.switchboard.engine.PayloadCodec;
import dev.switchboard.engine.Transport;
import dev.switchboard.engine.TransportListener;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * HTTP long-polling: a GET waits (suspended, no thread held) until the session has packets for it; a POST
 * carries packets from the client. At most one of each at a time per session: an overlap is the client's
 * error and ends the session.
 * <p>
 * Threads: request threads call {@link #poll} and {@link #receive}; the session's executor calls the
 * {@link Transport} methods. The waiting GET is handed over through an atomic reference, so exactly one
 * party answers it, and that party gives back its place in {@link #polls}. It answers on its own thread, which may be
 * another request's: the POST whose event's ack the GET carries, or the WebSocket whose probe releases it with a noop
 * (on WildFly an I/O thread; the answer is a few bytes). Completing the GET there ends no CDI context, as Engine.IO's
 * requests run without them (WEB-INF/web.xml).
 */
public final class PollingTransport implements Transport {
    private static final Logger LOG = Logger.getLogger(PollingTransport.class.getName());

    private final int maxPayload;
    private final long pollTimeoutMillis;
    /** The server's places for waiting GETs: one is held while {@link #waitingGet} is set. */
    private final Capacity polls;
    private final EngineObserver observer;
    private final AtomicReference<WaitingGet> waitingGet = new AtomicReference<>();
    private final AtomicBoolean postInFlight = new AtomicBoolean();
    private volatile TransportListener listener;
    private volatile boolean closed;
    /** What a GET gets once the transport is closed: a close packet, or a noop after an upgrade; set before closed. */
    private volatile Packet farewell = Packet.CLOSE;
    /** Why the engine turned this transport away before its first poll, if it did. */
    private volatile EngineError refusal;

    /**
     * @param pollTimeoutMillis longest a GET may wait; above the ping interval, as the heartbeat answers
     *                          every waiting GET well before: this is a safety net, not a timing
     */
    public PollingTransport(int maxPayload, long pollTimeoutMillis) {
        this(maxPayload, pollTimeoutMillis, Capacity.unbounded(), EngineObserver.NONE);
    }

    /** @param polls the server's places for waiting GETs; a GET that finds none is refused with 503 */
    public PollingTransport(int maxPayload, long pollTimeoutMillis, Capacity polls, EngineObserver observer) {
        this.maxPayload = maxPayload;
        this.pollTimeoutMillis = pollTimeoutMillis;
        this.polls = polls;
        this.observer = observer;
    }

    @Override
    public String name() {
        return "polling";
    }

    @Override
    public List<String> upgrades() {
        return List.of("websocket");
    }

    @Override
    public void bind(TransportListener listener) {
        this.listener = listener;
    }

    /** A GET arrived: hold it until the session sends. */
    void poll(WaitingGet get) {
        if (closed) {
            EngineError why = refusal;
            get.answer(HttpAnswer.error(why == null ? EngineError.BAD_REQUEST : why));
            return;
        }
        if (!polls.tryTake()) {
            // the client takes a failed poll as the end of its session: end it here too, it reconnects later
            observer.limitReached(Limit.POLLS_IN_FLIGHT);
            get.answer(HttpAnswer.error(EngineError.TOO_MANY_POLLS));
            listener.onClosed(this, CloseReason.TRANSPORT_ERROR, "too many polls in flight");
            return;
        }
        get.expireAfter(pollTimeoutMillis, () -> {
            if (!waitingGet.compareAndSet(get, null)) {
                return false;
            }
            polls.release();
            get.answer(payload(List.of(Packet.NOOP)));
            return true;
        });
        if (!waitingGet.compareAndSet(null, get)) {
            polls.release();
            get.answer(HttpAnswer.error(EngineError.BAD_REQUEST));
            listener.onClosed(this, CloseReason.TRANSPORT_ERROR, "overlapping GET requests");
            return;
        }
        if (closed) {
            // closed between the check above and storing the GET: the close found no GET to answer, so answer it
            // here rather than let it hold a place until the poll timeout
            answerWaitingGet(farewell);
            return;
        }
        listener.onWritable(this);
    }

    /** A POST arrived: read at most maxPayload bytes, hand the packets to the session, answer "ok". */
    HttpAnswer receive(InputStream body, long contentLength) {
        if (contentLength > maxPayload) {
            return HttpAnswer.status(413);
        }
        if (!postInFlight.compareAndSet(false, true)) {
            listener.onClosed(this, CloseReason.TRANSPORT_ERROR, "overlapping POST requests");
            return HttpAnswer.error(EngineError.BAD_REQUEST);
        }
        try {
            byte[] bytes = readAtMost(body, contentLength, maxPayload);
            if (bytes == null) {
                return HttpAnswer.status(413);
            }
            List<Packet> packets = PayloadCodec.decode(new String(bytes, StandardCharsets.UTF_8));
            observer.received(packets.size(), bytes.length);
            packets.forEach(packet -> listener.onPacket(this, packet));
            return HttpAnswer.ok();
        } catch (MalformedPacketException malformed) {
            LOG.fine(() -> "Malformed polling payload: " + malformed.getMessage());
            listener.onClosed(this, CloseReason.PARSE_ERROR, malformed.getMessage());
            return HttpAnswer.error(EngineError.BAD_REQUEST);
        } catch (IOException clientGone) {
            LOG.fine(() -> "Polling POST body not received: " + clientGone);
            listener.onClosed(this, CloseReason.TRANSPORT_ERROR, "POST body not received");
            return HttpAnswer.error(EngineError.BAD_REQUEST);
        } finally {
            postInFlight.set(false);
        }
    }

    @Override
    public boolean isWritable() {
        return !closed && waitingGet.get() != null;
    }

    /**
     * Answers the waiting GET with as many packets as fit in maxPayload bytes (one at least, however long), as the
     * client splits its POSTs: a large backlog goes out over several polls, never as one unbounded response.
     */
    @Override
    public int send(List<Packet> packets) {
        WaitingGet get = takeWaitingGet();
        if (get == null) {
            return 0;
        }
        int count = PayloadCodec.countFitting(packets, maxPayload);
        get.answer(payload(count == packets.size() ? packets : packets.subList(0, count)));
        return count; // the GET is ours (taken from waitingGet): nobody else answers it, so the answer holds
    }

    @Override
    public void close() {
        end(Packet.CLOSE);
    }

    /** A GET still waiting when the client POSTed its close gets a noop, as from the reference server. */
    @Override
    public void closedByClient() {
        end(Packet.NOOP);
    }

    @Override
    public void discard() {
        end(Packet.NOOP);
    }

    private void end(Packet last) {
        if (!closed) {
            farewell = last;
            closed = true;
        }
        answerWaitingGet(farewell);
    }

    private void answerWaitingGet(Packet last) {
        WaitingGet get = takeWaitingGet();
        if (get != null) {
            get.answer(payload(List.of(last)));
        }
    }

    @Override
    public void refuse(EngineError error) {
        // polling only ever opens a session, never joins one: refused at the handshake, before its first GET
        refusal = error;
        close();
    }

    /** The waiting GET, now this caller's to answer, its place given back; or null when none waits. */
    private WaitingGet takeWaitingGet() {
        WaitingGet get = waitingGet.getAndSet(null);
        if (get != null) {
            polls.release();
        }
        return get;
    }

    private HttpAnswer payload(List<Packet> packets) {
        byte[] body = PayloadCodec.encode(packets).getBytes(StandardCharsets.UTF_8);
        observer.sent(packets.size(), body.length);
        return HttpAnswer.payload(body);
    }

    /**
     * The body: with a declared length (at most {@code limit}, the caller checked), one array of that length, holding
     * what arrived if the client stopped short; without one (chunked), read to the end in the stream's own steps.
     * A poll's body is usually tens of bytes: a fixed 8 KB buffer and an 8 KB copy per POST were 16 % of all the
     * memory the polling benchmark allocated on Payara.
     *
     * @return the body, or null when it is longer than {@code limit}
     */
    private static byte[] readAtMost(InputStream in, long declaredLength, int limit) throws IOException {
        if (declaredLength >= 0) {
            return in.readNBytes((int) declaredLength);
        }
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }
}
