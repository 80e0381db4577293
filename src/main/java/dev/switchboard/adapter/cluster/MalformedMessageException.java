package dev.switchboard.adapter.cluster;

/** A message from another node that cannot be read: logged at FINE and dropped, never thrown further. */
public final class MalformedMessageException extends RuntimeException {
    public MalformedMessageException(String message) {
        super(message);
    }
}
