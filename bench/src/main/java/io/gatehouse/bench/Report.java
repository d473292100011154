package io.gatehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** A harness's Markdown section, headed by what it ran on, so figures from different machines are never mixed up. */
final class Report {

    private Report() {
    }

    static void write(Path file, String name, String body) throws IOException {
        String text = "## " + name + "\n\n" + machine() + "\n\n" + body + "\n";
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        System.out.println(text);
    }

    /** A Markdown image line for a chart written beside the report ({@link Plot}: both in {@code target/bench}). */
    static String image(String alt, Path png) {
        return "![" + alt + "](" + png.getFileName() + ")\n";
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format("Measured %s on %d cores, Java %s, %s database (%s), %s sizes%s.",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), runtime.availableProcessors(), System.getProperty("java.version"),
                System.getProperty("gatehouse.db.kind", "h2"), System.getProperty("os.name"),
                Boolean.getBoolean("bench.full-size") ? "full" : "reduced", load());
    }

    /**
     * The machine's load when the report was written (1, 5 and 15 minute averages): figures measured while other work
     * shared the cores say so, since on 2 cores every process of the system under test competes for them.
     */
    private static String load() {
        try {
            String[] averages = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return ", load average " + averages[0] + " / " + averages[1] + " / " + averages[2];
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
