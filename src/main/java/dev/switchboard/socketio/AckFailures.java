package dev.switchboard.socketio;

import dev.switchboard.adapter.PartialAnswers;
import dev.switchboard.handler.AckTimeoutException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** An adapter's answers as handlers see them: some nodes or clients silent is an {@link AckTimeoutException}. */
final class AckFailures {
    private AckFailures() {
    }

    /** The same stage, failing with an AckTimeoutException that carries the answers that came, with this message. */
    static <T> CompletionStage<T> asTimeout(CompletionStage<T> stage, Function<PartialAnswers, String> message) {
        return stage.exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException wrapped ? wrapped.getCause() : failure;
            return CompletableFuture.failedFuture(cause instanceof PartialAnswers partial
                    ? new AckTimeoutException(message.apply(partial), partial.answers()) : cause);
        });
    }
}
