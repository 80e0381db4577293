package dev.switchboard.adapter;

import java.util.Map;
import java.util.Set;

/**
 * A socket as any node of a cluster can see it, in plain values (as Node's {@code fetchSockets} returns it):
 * its id, its handshake ({@code headers}, {@code query}, {@code address}, {@code time}, {@code issued},
 * {@code url}, {@code secure}, {@code xdomain}, {@code auth}), its rooms, and the data the application gave it.
 */
public record SocketDetails(String id, Map<String, Object> handshake, Set<String> rooms, Map<String, Object> data) {
}
