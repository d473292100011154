package io.gatehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code docs/benchmarks.md}, written from the latest report of every harness in {@code target/bench} (each headed by
 * when, where and at which sizes it ran), with their charts copied to {@code docs/benchmarks/}, and the goals the
 * issue judges them against gathered at the top from each report's "(goal ...): met / not met" lines.
 */
final class BenchmarksPage {

    private static final Pattern IMAGE = Pattern.compile("\\]\\(([^)/]+\\.png)\\)");

    private BenchmarksPage() {
    }

    /** A report's verdict on one of the goals: "Goal ...: met", "goal: ...", "- ... (goal >= ...): met". */
    private static boolean isGoal(String line) {
        String text = line.strip().toLowerCase(java.util.Locale.ROOT);
        return text.startsWith("goal") || text.contains("(goal ");
    }

    static Path write(Path root, Iterable<String> harnesses) throws IOException {
        Path docs = root.resolve("docs");
        Map<String, String> kept = sections(docs.resolve("benchmarks.md"));
        Map<String, String> reports = new LinkedHashMap<>();
        for (String name : harnesses) {
            Path report = Path.of("target", "bench", name + ".md");
            if (Files.exists(report)) {
                reports.put(name, Files.readString(report));
            } else if (kept.containsKey(name)) {
                // not run this time (a fresh clone, a run of some harnesses): the page keeps what it said, dated
                reports.put(name, kept.get(name));
            }
        }
        Path images = Files.createDirectories(docs.resolve("benchmarks"));
        StringBuilder page = new StringBuilder("""
                # Benchmarks

                Written by `./mvnw -B -ntp verify -DskipTests -Pbench,postgres` (every harness in `bench/` at reduced
                sizes) or with `-Dbench.full-size=true` (the sizes issue 17 names); do not edit by hand. `-Dbench=<names>`
                runs some harnesses, writing their tables and charts to `bench/target/bench/`, and `-Dbench.page=true`
                then rewrites this page from the latest report of each harness there: every section says when, on what
                and at which sizes it ran. Figures of earlier versions, with what changed them, are in
                [benchmark-history.md](benchmark-history.md).

                ## Goals

                """);
        reports.forEach((name, report) -> report.lines().filter(BenchmarksPage::isGoal).forEach(line -> page
                .append("- `").append(name).append("`: ").append(line.startsWith("- ") ? line.substring(2) : line).append('\n')));
        reports.forEach((name, report) -> {
            page.append('\n');
            Matcher m = IMAGE.matcher(report);
            StringBuilder body = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(body, Matcher.quoteReplacement("](benchmarks/" + m.group(1) + ")"));
            }
            m.appendTail(body);
            page.append(body.toString().strip()).append('\n');
        });
        try (var charts = Files.list(Path.of("target", "bench"))) {
            for (Path png : charts.filter(p -> p.toString().endsWith(".png")).toList()) {
                Files.copy(png, images.resolve(png.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path file = docs.resolve("benchmarks.md");
        Files.writeString(file, page);
        return file;
    }

    /** The page's sections by harness ({@code ## name} up to the next heading), or none before the first write. */
    private static Map<String, String> sections(Path page) throws IOException {
        Map<String, String> sections = new LinkedHashMap<>();
        if (!Files.exists(page)) {
            return sections;
        }
        String name = null;
        StringBuilder section = new StringBuilder();
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("## ")) {
                if (name != null) {
                    sections.put(name, section.toString());
                }
                name = line.substring(3).strip();
                section = new StringBuilder();
            }
            section.append(line).append('\n');
        }
        if (name != null) {
            sections.put(name, section.toString());
        }
        sections.remove("Goals");
        return sections;
    }
}
