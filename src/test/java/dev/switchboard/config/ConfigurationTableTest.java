package dev.switchboard.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The configuration table in docs/configuration.md is the one place a setting is documented: it lists every setting the code
 * reads, under the names and with the default the code uses, and nothing else.
 */
class ConfigurationTableTest {
    private static final Path DOCUMENT = Path.of("docs", "configuration.md");
    private static final String HEADER = "| Setting | Environment variable | System property | Default | Meaning |";

    /** The table's rows, by setting name: its cells after the name. */
    private static Map<String, List<String>> documented() throws IOException {
        List<String> lines = Files.readAllLines(DOCUMENT);
        int header = lines.indexOf(HEADER);
        if (header < 0) {
            throw new AssertionError("no configuration table (" + HEADER + ") in " + DOCUMENT);
        }
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            List<String> cells = Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                    .map(String::trim).toList();
            rows.put(cells.get(0), cells.subList(1, cells.size()));
        }
        return rows;
    }

    @Test
    void listsExactlyTheSettingsTheCodeReads() throws IOException {
        assertEquals(Arrays.stream(Setting.values()).map(Setting::property).sorted().toList(),
                documented().keySet().stream().sorted().toList());
    }

    @Test
    void givesEachSettingItsNamesAndDefault() throws IOException {
        Map<String, List<String>> rows = documented();
        for (Setting setting : Setting.values()) {
            List<String> cells = rows.get(setting.property());
            assertEquals("`" + setting.environmentVariable() + "`", cells.get(0), setting.property());
            assertEquals("`" + setting.systemProperty() + "`", cells.get(1), setting.property());
            String shownDefault = setting.defaultValue().isEmpty() ? "*(empty)*" : "`" + setting.defaultValue() + "`";
            assertEquals(shownDefault, cells.get(2), setting.property());
        }
    }

    @Test
    void isTheOnlyConfigurationTable() throws IOException {
        long tables = Files.readAllLines(DOCUMENT).stream().filter(HEADER::equals).count();
        assertEquals(1, tables, Arrays.stream(Setting.values()).map(Setting::property).collect(Collectors.joining(", ")));
    }
}
