package dev.switchboard.adapter;

import dev.switchboard.engine.Packet;

import java.util.List;

/**
 * A session recovered: the member made again with the session's id, already back in its rooms, and the frames of
 * every event it missed, oldest first, each ending with its offset.
 */
public record RestoredSession(Adapter.Member member, List<List<Packet>> missed) {

    public RestoredSession {
        missed = List.copyOf(missed);
    }
}
