package dev.switchboard.adapter.cluster;

import dev.switchboard.adapter.PartialAnswers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The answers to one broadcast with acknowledgements, as socket.io's broadcast operator counts them: every node
 * (this one included) says how many clients it sent the event to, then each client's answer arrives. Complete
 * when every node has counted and every counted client answered; at the deadline, fails with what came
 * ({@link PartialAnswers}). Thread-safe: counts and answers come from the Redis client's threads and this node's
 * clients' sessions.
 */
public final class AckCollection {
    private final int servers;
    private final CompletableFuture<List<Object>> done = new CompletableFuture<>();
    // guarded by this
    private final List<Object> answers = new ArrayList<>();
    private int serversCounted;
    private int clientsExpected;

    /** @param servers the nodes that will count, this one included */
    public AckCollection(int servers) {
        this.servers = servers;
    }

    public synchronized void counted(int clients) {
        serversCounted++;
        clientsExpected += clients;
        check();
    }

    public synchronized void answered(Object answer) {
        answers.add(answer);
        check();
    }

    /** The deadline: a node or client that did not answer by now is left out, and the caller hears so. */
    public synchronized void expire() {
        if (!done.isDone()) {
            done.completeExceptionally(new PartialAnswers(answers, Math.max(clientsExpected, answers.size())));
        }
    }

    public CompletableFuture<List<Object>> done() {
        return done;
    }

    private void check() {
        if (serversCounted >= servers && answers.size() >= clientsExpected) {
            done.complete(new ArrayList<>(answers));
        }
    }
}
