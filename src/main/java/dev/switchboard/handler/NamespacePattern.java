package dev.switchboard.handler;

import java.util.regex.Pattern;

/**
 * The handler of every namespace a {@link Namespace#pattern} matches, or a {@link Namespace#matcher} takes.
 *
 * @param key             the pattern's text, or the matcher's class name: how application code names the family
 *                        ({@link SocketServer#ofPattern}) and how metrics count its namespaces
 * @param matcher         decides for a name and the client's handshake
 * @param byName          whether the name alone decides (a pattern): then application code may make such a namespace
 *                        by naming it, with no client asking
 * @param removeWhenEmpty whether such a namespace goes when its last client leaves ({@link Namespace#removeWhenEmpty})
 */
public record NamespacePattern(String key, NamespaceMatcher matcher, boolean byName, NamespaceHandler handler,
                               boolean removeWhenEmpty) {

    /** Every name the whole of which matches {@code pattern}. */
    public static NamespacePattern of(Pattern pattern, NamespaceHandler handler, boolean removeWhenEmpty) {
        return new NamespacePattern(pattern.pattern(), (name, handshake) -> pattern.matcher(name).matches(), true, handler,
                removeWhenEmpty);
    }

    /** Every name {@code matcher} takes, asked with the client's handshake. */
    public static NamespacePattern decidedBy(Class<?> type, NamespaceMatcher matcher, NamespaceHandler handler, boolean removeWhenEmpty) {
        return new NamespacePattern(type.getName(), matcher, false, handler, removeWhenEmpty);
    }

    /**
     * @param handshake the connecting client's, or null when application code names the namespace: then only a
     *                  pattern can say yes
     */
    public boolean matches(String namespace, Handshake handshake) {
        if (handshake == null && !byName) {
            return false;
        }
        return matcher.matches(namespace, handshake);
    }
}
