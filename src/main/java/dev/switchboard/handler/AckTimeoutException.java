package dev.switchboard.handler;

import java.util.concurrent.TimeoutException;

/** No acknowledgement came in time. */
public class AckTimeoutException extends TimeoutException {
    public AckTimeoutException(String message) {
        super(message);
    }
}
