package dev.switchboard.handler;

import java.util.Map;
import java.util.Set;

/**
 * A socket of this namespace on any node of the cluster, as {@link Broadcast#fetchSockets} finds it: its id, its
 * handshake as Node's servers describe it ({@code headers}, {@code query}, {@code address}, {@code time},
 * {@code issued}, {@code url}, {@code secure}, {@code xdomain}, {@code auth}), its rooms, and the data its server
 * keeps for it (a Switchboard socket's {@link SocketClient#attributes()}, a Node socket's {@code socket.data}), all
 * as plain values: maps, lists, strings, numbers, booleans, null, byte[].
 */
public record RemoteSocket(String id, Map<String, Object> handshake, Set<String> rooms, Map<String, Object> data) {
}
