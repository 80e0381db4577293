package dev.switchboard.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One proxy's account of the request it received, as the {@code Forwarded} header (RFC 7239) or the
 * {@code X-Forwarded-For} / {@code -Proto} / {@code -Host} headers tell it: who sent it the request, on which
 * scheme, to which host. The first hop is the one furthest from this server.
 *
 * @param address the sender's address as the proxy wrote it (port and brackets removed), or null when not given
 * @param proto {@code http} or {@code https} as written, or null
 * @param host the Host the proxy received, or null
 */
public record ForwardedHop(String address, String proto, String host) {

    /**
     * The hops a request's headers describe, {@code Forwarded} preferred when present (it is the standard, and a
     * proxy that writes it means it). Empty when neither kind is there. Never throws: a header that cannot be
     * read gives what could be read of it.
     */
    public static List<ForwardedHop> of(ClientRequest request) {
        List<String> forwarded = request.headers().get("forwarded");
        if (forwarded != null && !forwarded.isEmpty()) {
            return fromForwarded(String.join(",", forwarded));
        }
        return fromXForwarded(list(request, "x-forwarded-for"), list(request, "x-forwarded-proto"),
                list(request, "x-forwarded-host"));
    }

    private static List<ForwardedHop> fromForwarded(String header) {
        List<ForwardedHop> hops = new ArrayList<>();
        for (String element : split(header, ',')) {
            String address = null;
            String proto = null;
            String host = null;
            for (String pair : split(element, ';')) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = pair.substring(0, equals).trim().toLowerCase(Locale.ROOT);
                String value = unquote(pair.substring(equals + 1).trim());
                switch (name) {
                    case "for" -> address = withoutPort(value);
                    case "proto" -> proto = value.toLowerCase(Locale.ROOT);
                    case "host" -> host = value;
                    default -> { } // by= and extensions say nothing about the client
                }
            }
            if (!element.isBlank()) {
                hops.add(new ForwardedHop(address, proto, host));
            }
        }
        return hops;
    }

    /**
     * X-Forwarded-For lists every hop; -Proto and -Host are usually one value set (overwritten) by the nearest
     * proxy. When a list is as long as X-Forwarded-For, its values go hop by hop; otherwise its last value, the
     * one the nearest proxy wrote, stands for every hop.
     */
    private static List<ForwardedHop> fromXForwarded(List<String> addresses, List<String> protos, List<String> hosts) {
        int count = Math.max(addresses.size(), protos.isEmpty() && hosts.isEmpty() ? 0 : 1);
        List<ForwardedHop> hops = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String address = addresses.isEmpty() ? null : withoutPort(addresses.get(i));
            String proto = at(protos, i, count);
            hops.add(new ForwardedHop(address, proto == null ? null : proto.toLowerCase(Locale.ROOT), at(hosts, i, count)));
        }
        return hops;
    }

    private static String at(List<String> values, int index, int hops) {
        if (values.isEmpty()) {
            return null;
        }
        return values.size() == hops ? values.get(index) : values.get(values.size() - 1);
    }

    /** Every comma-separated value of every line of a header, trimmed, empty ones left out. */
    private static List<String> list(ClientRequest request, String header) {
        List<String> lines = request.headers().get(header);
        if (lines == null) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            for (String value : line.split(",")) {
                if (!value.isBlank()) {
                    values.add(value.trim());
                }
            }
        }
        return values;
    }

    /** Splits on a separator outside double quotes (RFC 7239 values may be quoted strings with escapes). */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\' && i + 1 < text.length()) {
                part.append(c).append(text.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                part.append(c);
            } else if (c == separator && !quoted) {
                parts.add(part.toString().trim());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString().trim());
        return parts;
    }

    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            text.append(c == '\\' && i + 1 < value.length() - 1 ? value.charAt(++i) : c);
        }
        return text.toString();
    }

    /** {@code 192.0.2.1:4711} → {@code 192.0.2.1}, {@code [2001:db8::1]:4711} → {@code 2001:db8::1}. */
    static String withoutPort(String address) {
        String value = address.trim();
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close > 0 ? value.substring(1, close) : value;
        }
        int colon = value.indexOf(':');
        return colon >= 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
    }
}
