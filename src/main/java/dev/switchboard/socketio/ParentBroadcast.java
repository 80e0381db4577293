package dev.switchboard.socketio;

import dev.switchboard.handler.AckTimeoutException;
import dev.switchboard.handler.Broadcast;
import dev.switchboard.handler.RemoteSocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A broadcast to every namespace made from one pattern (Node's {@code ParentNamespace} emitting): each operation
 * runs on each child live now, narrowed the same way. Immutable.
 */
final class ParentBroadcast implements Broadcast {
    private final ParentNamespace parent;
    // applied to each child's broadcast: the to/except/local calls made on this one, in order
    private final UnaryOperator<Broadcast> narrowing;

    ParentBroadcast(ParentNamespace parent) {
        this(parent, UnaryOperator.identity());
    }

    private ParentBroadcast(ParentNamespace parent, UnaryOperator<Broadcast> narrowing) {
        this.parent = parent;
        this.narrowing = narrowing;
    }

    @Override
    public Broadcast to(String... rooms) {
        return then(child -> child.to(rooms));
    }

    @Override
    public Broadcast except(String... rooms) {
        return then(child -> child.except(rooms));
    }

    @Override
    public Broadcast local() {
        return then(Broadcast::local);
    }

    @Override
    public void emit(String event, Object... args) {
        children().forEach(child -> child.emit(event, args));
    }

    @Override
    public void volatileEmit(String event, Object... args) {
        children().forEach(child -> child.volatileEmit(event, args));
    }

    /** Every child's answers together; when any child timed out, a timeout carrying all the answers that came. */
    @Override
    public CompletionStage<List<Object>> emitWithAck(Duration timeout, String event, Object... args) {
        List<CompletableFuture<List<Object>>> each = children().stream()
                .map(child -> child.emitWithAck(timeout, event, args).toCompletableFuture()).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).handle((done, failure) -> {
            List<Object> answers = new ArrayList<>();
            boolean timedOut = false;
            for (CompletableFuture<List<Object>> child : each) {
                Throwable cause = child.handle((ok, error) -> error).join();
                cause = cause instanceof CompletionException wrapped ? wrapped.getCause() : cause;
                if (cause instanceof AckTimeoutException partial) {
                    answers.addAll(partial.responses());
                    timedOut = true;
                } else if (cause != null) {
                    throw new CompletionException(cause);
                } else {
                    answers.addAll(child.join());
                }
            }
            if (timedOut) {
                throw new CompletionException(new AckTimeoutException("operation has timed out: " + answers.size()
                        + " answers from " + each.size() + " namespaces", answers));
            }
            return answers;
        });
    }

    @Override
    public Set<String> socketIds() {
        Set<String> ids = new HashSet<>();
        children().forEach(child -> ids.addAll(child.socketIds()));
        return ids;
    }

    @Override
    public void disconnectSockets(boolean closeConnection) {
        children().forEach(child -> child.disconnectSockets(closeConnection));
    }

    @Override
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        List<CompletableFuture<List<RemoteSocket>>> each = children().stream()
                .map(child -> child.fetchSockets().toCompletableFuture()).toList();
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                .thenApply(done -> each.stream().flatMap(child -> child.join().stream()).toList());
    }

    @Override
    public void socketsJoin(String... rooms) {
        children().forEach(child -> child.socketsJoin(rooms));
    }

    @Override
    public void socketsLeave(String... rooms) {
        children().forEach(child -> child.socketsLeave(rooms));
    }

    private Broadcast then(UnaryOperator<Broadcast> more) {
        Function<Broadcast, Broadcast> both = narrowing.andThen(more);
        return new ParentBroadcast(parent, both::apply);
    }

    private List<Broadcast> children() {
        return parent.children().stream().map(child -> narrowing.apply(child.broadcast())).toList();
    }
}
