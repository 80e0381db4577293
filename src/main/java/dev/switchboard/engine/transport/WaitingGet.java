package dev.switchboard.engine.transport;

import java.util.function.BooleanSupplier;

/** A polling GET held open until the session has something for it, answered exactly once, from any thread. */
interface WaitingGet {

    /**
     * Bounds the wait. Called at most once, on the request's own thread before it returns to the container.
     *
     * @param expire runs once the time is up; answers the GET and returns true, or returns false when another
     *               party took it first and is answering it
     */
    void expireAfter(long millis, BooleanSupplier expire);

    /** Writes the answer and ends the request; a later call does nothing. */
    void answer(HttpAnswer answer);
}
