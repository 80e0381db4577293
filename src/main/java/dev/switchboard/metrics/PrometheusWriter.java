package dev.switchboard.metrics;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the Prometheus text exposition format, version 0.0.4: per metric family one {@code # HELP} and one
 * {@code # TYPE} line, then its samples. Escapes HELP text and label values as the format requires, and
 * refuses names it does not allow, so a bad name fails in tests rather than in a scraper. Not thread-safe:
 * one writer per scrape.
 */
public final class PrometheusWriter {
    /** The media type scrapers ask for and expect. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    public enum Type {
        COUNTER, GAUGE;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final StringBuilder text = new StringBuilder();
    private String family;

    /** Starts a metric family; its samples follow. Counter names end in {@code _total} by convention. */
    public PrometheusWriter family(String name, Type type, String help) {
        requireName(name, METRIC_NAME);
        if (type == Type.COUNTER && !name.endsWith("_total")) {
            throw new IllegalArgumentException("a counter's name ends with _total: " + name);
        }
        family = name;
        text.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type.wireName()).append('\n');
        return this;
    }

    /** A sample of the current family without labels. */
    public PrometheusWriter sample(long value) {
        return sample(Map.of(), value);
    }

    /** A sample of the current family; labels in the map's iteration order. */
    public PrometheusWriter sample(Map<String, String> labels, long value) {
        if (family == null) {
            throw new IllegalStateException("a sample needs a family first");
        }
        text.append(family);
        if (!labels.isEmpty()) {
            text.append('{');
            boolean first = true;
            for (Map.Entry<String, String> label : labels.entrySet()) {
                requireName(label.getKey(), LABEL_NAME);
                text.append(first ? "" : ",").append(label.getKey()).append("=\"")
                        .append(escapeLabelValue(label.getValue())).append('"');
                first = false;
            }
            text.append('}');
        }
        text.append(' ').append(value).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** HELP text: backslash and line feed are escaped. */
    static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    /** Label values: backslash, double quote and line feed are escaped. */
    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static void requireName(String name, Pattern allowed) {
        if (!allowed.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid Prometheus name: " + name);
        }
    }
}
