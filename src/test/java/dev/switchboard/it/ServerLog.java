package dev.switchboard.it;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The container's log. Payara Micro ({@code --logtofile} in arquillian.xml): a java.util.logging FileHandler
 * appending to payara-micro.log.0, which every IT class's server continues in turn and which rotates at about 1 MB
 * (.0 becomes .1, and so on). WildFly and GlassFish: their own server.log, named by the build
 * ({@code switchboard.serverLogFile}). A test marks where it starts and reads only what came after, across a
 * rotation if one happens meanwhile.
 */
final class ServerLog {
    /** Payara's and GlassFish's (ODL) records: {@code [2026-12-06T01:42:45.403Z] [...] [SEVERE] ... [levelValue: 1000]}. */
    private static final Pattern ODL_RECORD_START = Pattern.compile("(?m)^(?=\\[\\d{4}-\\d{2}-\\d{2}T)");
    private static final Pattern ODL_SEVERE = Pattern.compile("\\[levelValue: 1000]");
    /**
     * WildFly's records: {@code 2026-12-06 01:39:30,025 ERROR [category] (thread) message}; a java.util.logging SEVERE
     * keeps its name there, JBoss Logging's errors are ERROR or FATAL.
     */
    private static final Pattern WILDFLY_RECORD_START = Pattern.compile("(?m)^(?=\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} )");
    private static final Pattern WILDFLY_SEVERE = Pattern.compile("^\\S+ \\S+ (SEVERE|ERROR|FATAL) ");
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at \\S+\\(");
    /** A stack frame, its class and method after any module or class loader prefix (java.base/, app//). */
    private static final Pattern FRAME = Pattern.compile("^\\s+at (?:\\S*/)?([\\w$.]+)\\(");
    /** The logger name, possibly wrapped in ANSI colour codes: [dev.switchboard.engine.EngineSession]. */
    private static final Pattern OUR_LOGGER = Pattern.compile("\\[(?:\\x1b\\[[0-9;]*m)?dev\\.switchboard\\.");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Path DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"));

    /** The log file's name as given to {@code --logtofile}; the files are that name plus .0, .1, ... */
    static final String DEFAULT_FILE = "payara-micro.log";

    /**
     * Where a container's log is and how it reads.
     *
     * @param generation the files of the log in {@code directory}; group 1, where there is one, numbers the older ones
     */
    private record Format(Path directory, Pattern generation, Pattern recordStart, Pattern severe) {
    }

    private final Format format;
    /** The file the mark is in (its inode, which a rotation's rename keeps) and the offset in it. */
    private final Object markedFile;
    private final long start;

    private ServerLog(Format format, Object markedFile, long start) {
        this.format = format;
        this.markedFile = markedFile;
        this.start = start;
    }

    /**
     * The default container's log from now on, in the format the build names ({@code switchboard.serverLogFormat}:
     * payara, wildfly or glassfish).
     */
    static ServerLog fromNow() {
        String kind = System.getProperty("switchboard.serverLogFormat", "payara");
        if (kind.equals("payara")) {
            return fromNow(DEFAULT_FILE);
        }
        Path file = Path.of(System.getProperty("switchboard.serverLogFile", "server.log"));
        Pattern name = Pattern.compile(Pattern.quote(file.getFileName().toString()));
        return fromNow(kind.equals("wildfly")
                ? new Format(file.getParent(), name, WILDFLY_RECORD_START, WILDFLY_SEVERE)
                : new Format(file.getParent(), name, ODL_RECORD_START, ODL_SEVERE));
    }

    /** The log a Payara Micro writes with {@code --logtofile <java.io.tmpdir>/<fileName>}, from now on. */
    static ServerLog fromNow(String fileName) {
        return fromNow(new Format(DIRECTORY, Pattern.compile(Pattern.quote(fileName) + "\\.(\\d+)"), ODL_RECORD_START, ODL_SEVERE));
    }

    private static ServerLog fromNow(Format format) {
        List<Path> files = generations(format);
        if (files.isEmpty()) {
            throw new IllegalStateException("no log matching " + format.generation() + " in " + format.directory()
                    + ": is --logtofile still in arquillian.xml, or switchboard.serverLogFile right in pom.xml?");
        }
        Path current = files.get(files.size() - 1);
        return new ServerLog(format, fileKey(current), size(current));
    }

    /** The records written since the mark, oldest first. */
    List<String> records() {
        return Arrays.stream(format.recordStart().split(text())).filter(record -> !record.isBlank()).toList();
    }

    /**
     * Waits until a record matching {@code wanted} has been written (the file is all there is to watch, so this
     * re-reads it every 50 ms) and returns it.
     */
    String awaitRecord(Predicate<String> wanted, String description, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String record : records()) {
                if (wanted.test(record)) {
                    return record;
                }
            }
            if (System.nanoTime() > deadline) {
                return fail("no log record " + description + " within " + timeout + "; log since mark:\n" + text());
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    /** No SEVERE record and no stack trace at any level since the mark. */
    void assertNoSevereOrStackTrace() {
        for (String record : records()) {
            if (format.severe().matcher(record).find() || STACK_FRAME.matcher(record).find()) {
                fail("server logged a SEVERE record or a stack trace:\n" + record);
            }
        }
    }

    /**
     * No SEVERE record since the mark, and no stack trace but in WARNING records of {@code quieted} loggers: the
     * container's loggers that log a client's disconnect with a stack trace, which the shipped logging configuration
     * sets to SEVERE (server-config/payara-micro/logging.properties).
     */
    void assertNoSevereOrStackTraceBut(Set<String> quieted) {
        for (String record : records()) {
            boolean quietedWarning = quieted.stream().anyMatch(record::contains)
                    && record.contains("[levelValue: 900]");
            if (format.severe().matcher(record).find() || (STACK_FRAME.matcher(record).find() && !quietedWarning)) {
                fail("server logged a SEVERE record or a stack trace:\n" + record);
            }
        }
    }

    /**
     * Nothing of Switchboard's own since the mark: no SEVERE record from a dev.switchboard logger and no exception
     * thrown by dev.switchboard code that someone else had to log (it escaped into the container). Records the
     * container logs about trouble in its own code, even when a call from Switchboard led there, are returned for
     * the caller to report.
     */
    List<String> assertNothingFromSwitchboard() {
        List<String> containerTrouble = new ArrayList<>();
        for (String record : records()) {
            boolean severe = format.severe().matcher(record).find();
            if ((severe && OUR_LOGGER.matcher(record).find()) || thrownBySwitchboard(record)) {
                fail("Switchboard logged a SEVERE record or let an exception escape:\n" + record);
            }
            if (severe || STACK_FRAME.matcher(record).find()) {
                containerTrouble.add(record);
            }
        }
        return containerTrouble;
    }

    /**
     * Whether an exception in the record (or one of its causes) was thrown in dev.switchboard code: its first
     * frame outside the JDK and the Jakarta APIs is ours.
     */
    private static boolean thrownBySwitchboard(String record) {
        boolean inTrace = false;
        boolean decided = false;
        for (String line : record.lines().toList()) {
            Matcher frame = FRAME.matcher(line);
            if (!frame.find()) {
                inTrace = false;
                continue;
            }
            if (!inTrace) {
                inTrace = true;
                decided = false;
            }
            String method = frame.group(1);
            if (!decided && !method.matches("(java|javax|jdk|sun|jakarta)\\..*")) {
                decided = true;
                if (method.startsWith("dev.switchboard.")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Everything after the mark: the rest of the marked file, then every newer generation in full. */
    private String text() {
        StringBuilder text = new StringBuilder();
        boolean marked = false;
        for (Path file : generations(format)) {
            if (!marked && markedFile.equals(fileKey(file))) {
                marked = true;
                text.append(read(file, start));
            } else if (marked) {
                text.append(read(file, 0));
            }
        }
        return text.toString();
    }

    /** The log's files, oldest (highest N) first. */
    private static List<Path> generations(Format format) {
        Pattern generation = format.generation();
        try (Stream<Path> files = Files.list(format.directory())) {
            return files.filter(path -> generation.matcher(path.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt((Path path) -> generationOf(generation, path)).reversed())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int generationOf(Pattern generation, Path path) {
        Matcher matcher = generation.matcher(path.getFileName().toString());
        return !matcher.matches() ? -1 : matcher.groupCount() == 0 ? 0 : Integer.parseInt(matcher.group(1));
    }

    private static String read(Path file, long from) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= from) {
                return "";
            }
            byte[] bytes = new byte[Math.toIntExact(length - from)];
            in.seek(from);
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object fileKey(Path path) {
        try {
            return Objects.requireNonNull(Files.readAttributes(path, BasicFileAttributes.class).fileKey(),
                    "this file system has no file keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path path) {
        try {
            return Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
