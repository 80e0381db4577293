package dev.switchboard.socketio;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A socket's attributes ({@code SocketClient.attributes()}): a {@link ConcurrentHashMap} that says when it
 * changed, so a cluster keeping live sessions (adapter {@code redis-streams}) writes them again. Every way of
 * changing it notifies, the views' removals and {@code Entry.setValue} included; reads cost what a
 * {@code ConcurrentHashMap}'s do.
 * <p>
 * Thread-safe, as the map it wraps. {@code changed} runs on the thread that made the change, after it; it must
 * not block (the socket only schedules a write).
 */
final class SocketAttributes extends AbstractMap<String, Object> implements ConcurrentMap<String, Object> {
    private final ConcurrentHashMap<String, Object> values = new ConcurrentHashMap<>();
    private final Runnable changed;
    private final Set<Entry<String, Object>> entries = new Entries();

    SocketAttributes(Map<String, Object> initial, Runnable changed) {
        values.putAll(initial);
        this.changed = changed;
    }

    @Override
    public Object get(Object key) {
        return values.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return values.containsKey(key);
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public Object put(String key, Object value) {
        return changedAnyway(values.put(key, value));
    }

    @Override
    public Object remove(Object key) {
        Object removed = values.remove(key);
        return removed == null ? null : changedAnyway(removed);
    }

    @Override
    public void putAll(Map<? extends String, ?> more) {
        values.putAll(more);
        if (!more.isEmpty()) {
            changed.run();
        }
    }

    @Override
    public void clear() {
        if (!values.isEmpty()) {
            values.clear();
            changed.run();
        }
    }

    @Override
    public Object putIfAbsent(String key, Object value) {
        Object present = values.putIfAbsent(key, value);
        if (present == null) {
            changed.run();
        }
        return present;
    }

    @Override
    public boolean remove(Object key, Object value) {
        return changedIf(values.remove(key, value));
    }

    @Override
    public boolean replace(String key, Object expected, Object value) {
        return changedIf(values.replace(key, expected, value));
    }

    @Override
    public Object replace(String key, Object value) {
        Object replaced = values.replace(key, value);
        return replaced == null ? null : changedAnyway(replaced);
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        values.replaceAll(function);
        changed.run();
    }

    @Override
    public Object computeIfAbsent(String key, Function<? super String, ?> function) {
        boolean[] made = {false};
        Object value = values.computeIfAbsent(key, absent -> {
            Object computed = function.apply(absent);
            made[0] = computed != null;
            return computed;
        });
        if (made[0]) {
            changed.run();
        }
        return value;
    }

    @Override
    public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> function) {
        return changedAnyway(values.computeIfPresent(key, function));
    }

    @Override
    public Object compute(String key, BiFunction<? super String, ? super Object, ?> function) {
        return changedAnyway(values.compute(key, function));
    }

    @Override
    public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> function) {
        return changedAnyway(values.merge(key, value, function));
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return entries;
    }

    private boolean changedIf(boolean done) {
        if (done) {
            changed.run();
        }
        return done;
    }

    private Object changedAnyway(Object result) {
        changed.run();
        return result;
    }

    /** The entries, live; removing one, or setting its value, is a change. */
    private final class Entries extends AbstractSet<Entry<String, Object>> {
        @Override
        public Iterator<Entry<String, Object>> iterator() {
            Iterator<Entry<String, Object>> inner = values.entrySet().iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return inner.hasNext();
                }

                @Override
                public Entry<String, Object> next() {
                    Entry<String, Object> entry = inner.next();
                    return new SimpleEntry<>(entry) {
                        @Override
                        public Object setValue(Object value) {
                            super.setValue(value);
                            return put(entry.getKey(), value);
                        }
                    };
                }

                @Override
                public void remove() {
                    inner.remove();
                    changed.run();
                }
            };
        }

        @Override
        public int size() {
            return values.size();
        }

        @Override
        public void clear() {
            SocketAttributes.this.clear();
        }
    }
}
