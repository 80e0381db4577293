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
 * (.0 becomes .1, and so on). WildFly and GlassFish: their own server.log; Open Liberty: the server's messages.log;
 * each named by the build ({@code switchboard.serverLogFile}). A test marks where it starts and reads only what came
 * after, across a rotation if one happens meanwhile.
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
    private static final Pattern WILDFLY_WARNING = Pattern.compile("^\\S+ \\S+ (WARNING|WARN) ");
    /**
     * Open Liberty's messages.log: {@code [12/7/26, 1:35:02:519 UTC] 00000027 dev.switchboard.engine.EngineServer  I ...},
     * the logger's name cut on the left past 60 characters, the level a letter (E for SEVERE, W for WARNING).
     */
    private static final Pattern LIBERTY_RECORD_START = Pattern.compile("(?m)^(?=\\[\\d{1,2}/\\d{1,2}/\\d{2}, \\d{1,2}:\\d{2}:\\d{2}:\\d{3} )");
    private static final Pattern LIBERTY_SEVERE = Pattern.compile("^\\[[^]]+] \\S+ \\S+\\s+[EF] ");
    private static final Pattern LIBERTY_WARNING = Pattern.compile("^\\[[^]]+] \\S+ \\S+\\s+W ");
    private static final Pattern LIBERTY_OUR_LOGGER = Pattern.compile("^\\[[^]]+] \\S+ \\S*switchboard\\.");
    private static final Pattern ODL_WARNING = Pattern.compile("\\[levelValue: 900]");
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at \\S+\\(");
    /** A stack frame, its class and method after any module or class loader prefix (java.base/, app//). */
    private static final Pattern FRAME = Pattern.compile("^\\s+at (?:\\S*/)?([\\w$.]+)\\(");
    /** The logger name in brackets (ODL, WildFly), possibly wrapped in ANSI colour codes: [dev.switchboard.engine.EngineSession]. */
    private static final Pattern OUR_LOGGER = Pattern.compile("\\[(?:\\x1b\\[[0-9;]*m)?dev\\.switchboard\\.");
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Path DIRECTORY = Path.of(System.getProperty("java.io.tmpdir"));

    /** The log file's name as given to {@code --logtofile}; the files are that name plus .0, .1, ... */
    static final String DEFAULT_FILE = "payara-micro.log";

    /**
     * Where a container's log is and how it reads.
     *
     * @param generation the files of the log in {@code directory}; group 1, where there is one, numbers the older ones
     * @param ourLogger    found in a record that one of Switchboard's loggers wrote
     */
    private record Format(Path directory, Pattern generation, Pattern recordStart, Pattern severe, Pattern warning, Pattern ourLogger) {
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
     * payara, wildfly, glassfish or liberty).
     */
    static ServerLog fromNow() {
        String kind = kind();
        if (kind.equals("payara")) {
            return fromNow(DEFAULT_FILE);
        }
        return fromNow(format(kind, Path.of(System.getProperty("switchboard.serverLogFile", "server.log"))));
    }

    /**
     * The log of the build's other server named {@code server} (arquillian.xml's containers with settings of their
     * own): on Payara Micro the file its {@code --logtofile payara-micro-<server>.log} gives, on other containers the
     * file the build names in {@code switchboard.serverLogFile.<server>}.
     */
    static ServerLog ofServer(String server) {
        String kind = kind();
        if (kind.equals("payara")) {
            return fromNow("payara-micro-" + server + ".log");
        }
        String file = System.getProperty("switchboard.serverLogFile." + server);
        if (file == null) {
            throw new IllegalStateException("no switchboard.serverLogFile." + server + " for this " + kind + " build (pom.xml)");
        }
        return fromNow(format(kind, Path.of(file)));
    }

    /** The log in {@code file}, written by a server of the build's container, from now on. */
    static ServerLog fromNow(Path file) {
        return fromNow(format(kind(), file));
    }

    private static String kind() {
        return System.getProperty("switchboard.serverLogFormat", "payara");
    }

    private static Format format(String kind, Path file) {
        Pattern name = Pattern.compile(Pattern.quote(file.getFileName().toString()));
        return switch (kind) {
            case "wildfly" -> new Format(file.getParent(), name, WILDFLY_RECORD_START, WILDFLY_SEVERE, WILDFLY_WARNING, OUR_LOGGER);
            case "liberty" -> new Format(file.getParent(), name, LIBERTY_RECORD_START, LIBERTY_SEVERE, LIBERTY_WARNING, LIBERTY_OUR_LOGGER);
            default -> new Format(file.getParent(), name, ODL_RECORD_START, ODL_SEVERE, ODL_WARNING, OUR_LOGGER);
        };
    }

    /** The log a Payara Micro writes with {@code --logtofile <java.io.tmpdir>/<fileName>}, from now on. */
    private static ServerLog fromNow(String fileName) {
        return fromNow(new Format(DIRECTORY, Pattern.compile(Pattern.quote(fileName) + "\\.(\\d+)"), ODL_RECORD_START, ODL_SEVERE,
                ODL_WARNING, OUR_LOGGER));
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
                    && format.warning().matcher(record).find();
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
            if ((severe && format.ourLogger().matcher(record).find()) || thrownBySwitchboard(record)) {
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
