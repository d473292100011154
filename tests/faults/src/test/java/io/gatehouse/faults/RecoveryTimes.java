package io.gatehouse.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The figure each story measures: from the end of its outage to the backlog drained (the desired state reached).
 * Printed and appended to {@code target/recovery-times.md}, a table for the release notes.
 */
final class RecoveryTimes {

    private static final Path FILE = Path.of("target", "recovery-times.md");

    private RecoveryTimes() {
    }

    static synchronized void record(String story, Duration outage, String backlog, Duration recovery) {
        String line = String.format("| %s | %d s | %s | %.1f s | %s |%n", story, outage.toSeconds(), backlog,
                recovery.toMillis() / 1000.0, System.getProperty("gatehouse.db.kind", "h2"));
        System.out.print("recovery: " + line);
        try {
            if (!Files.exists(FILE)) {
                Files.writeString(FILE, "| story | outage | backlog | outage end to drained | database |\n|---|---|---|---|---|\n");
            }
            Files.writeString(FILE, line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
