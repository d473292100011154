package io.gatehouse.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time (user and system) the processes of a run used, read from {@code /proc} (Linux; elsewhere nothing): the
 * service, the Kafka broker, PostgreSQL (every process named {@code postgres}), this JVM (the sandboxes and the
 * producer) and the whole machine. Two samples around a timed part say where the cores went, per event.
 */
final class CpuTime {

    /** Linux reports in clock ticks of USER_HZ, 100 on every architecture it runs on here. */
    private static final double TICKS_PER_SECOND = 100.0;
    static final String MACHINE = "whole machine";

    private CpuTime() {
    }

    /** Seconds of CPU by part so far; empty when {@code /proc} cannot be read. */
    static Map<String, Double> sample(Map<String, Long> processes) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Long> p : processes.entrySet()) {
                seconds.put(p.getKey(), ticks(p.getValue()) / TICKS_PER_SECOND);
            }
            seconds.put("PostgreSQL", postgres() / TICKS_PER_SECOND);
            seconds.put("bench JVM (sandbox, producer)", ticks(ProcessHandle.current().pid()) / TICKS_PER_SECOND);
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0); // cpu user nice system idle iowait irq softirq
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += Long.parseLong(f[i]);
            }
            seconds.put(MACHINE, busy / TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return seconds;
    }

    /** What each part used between two samples. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((part, s) -> used.put(part, s - before.getOrDefault(part, 0.0)));
        return used;
    }

    private static long ticks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // fields after the command's closing parenthesis: utime and stime are the 12th and 13th
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long postgres() throws IOException {
        long total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        total += ticks(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // a backend that ended between the listing and the read
                }
            }
        }
        return total;
    }
}
