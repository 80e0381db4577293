package dev.switchboard.engine.transport;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * A polling GET on the Servlet API's asynchronous mode: no thread is held while it waits. Threads: the request's
 * own thread starts it and sets its timeout; {@link #answer} comes from whichever thread the transport answers on,
 * the container's listener calls from its own; {@link #answered} lets exactly one of them write and complete.
 */
final class AsyncGet implements WaitingGet, AsyncListener {
    private static final Logger LOG = Logger.getLogger(AsyncGet.class.getName());
    /** How long a timed-out GET waits for the answer of the party that took it first: a task already queued. */
    private static final long ANSWER_IN_FLIGHT_MILLIS = 5000;

    private final AsyncContext async;
    private final HttpServletResponse response;
    /** Added to a 200 answer only: the handshake's cookie, or null. */
    private final String cookieIfOk;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final CountDownLatch completed = new CountDownLatch(1);
    private volatile BooleanSupplier expire;

    private AsyncGet(AsyncContext async, HttpServletResponse response, String cookieIfOk) {
        this.async = async;
        this.response = response;
        this.cookieIfOk = cookieIfOk;
    }

    /** Suspends the request; until {@link #expireAfter}, it waits without a time limit. */
    static AsyncGet start(HttpServletRequest request, HttpServletResponse response, String cookieIfOk) {
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(0);
        AsyncGet get = new AsyncGet(async, response, cookieIfOk);
        async.addListener(get);
        return get;
    }

    @Override
    public void expireAfter(long millis, BooleanSupplier expire) {
        this.expire = expire;
        async.setTimeout(millis);
    }

    @Override
    public void answer(HttpAnswer answer) {
        if (!answered.compareAndSet(false, true)) {
            return;
        }
        try {
            if (cookieIfOk != null && answer.status() == 200) {
                response.setHeader("Set-Cookie", cookieIfOk);
            }
            answer.writeTo(response);
        } catch (IOException | IllegalStateException clientGone) {
            LOG.fine(() -> "Polling GET not answered: " + clientGone);
        } finally {
            complete();
        }
    }

    private void complete() {
        try {
            async.complete();
        } catch (IllegalStateException alreadyEnded) {
            LOG.fine(() -> "Polling GET already ended: " + alreadyEnded);
        } finally {
            completed.countDown();
        }
    }

    /**
     * The container's time limit: the transport's own safety net, as the heartbeat answers every GET well before.
     * The container wants the request completed before this returns, so when another party took the GET first,
     * wait for its answer (already on its way) rather than let the container end the request with an error.
     */
    @Override
    public void onTimeout(AsyncEvent event) throws IOException {
        BooleanSupplier expiry = expire;
        if (expiry != null && expiry.getAsBoolean()) {
            return;
        }
        try {
            if (!completed.await(ANSWER_IN_FLIGHT_MILLIS, TimeUnit.MILLISECONDS) && answered.compareAndSet(false, true)) {
                complete(); // nobody holds it (a bug): end it empty rather than let it hang
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The connection failed (the client went away): end the request; the transport's later answer does nothing. */
    @Override
    public void onError(AsyncEvent event) {
        LOG.fine(() -> "Polling GET failed: " + event.getThrowable());
        if (answered.compareAndSet(false, true)) {
            complete();
        }
    }

    @Override
    public void onComplete(AsyncEvent event) {
        completed.countDown();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }
}
