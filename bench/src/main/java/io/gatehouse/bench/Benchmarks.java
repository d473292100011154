package io.gatehouse.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the harnesses named on the command line ({@code all} by default): the end-to-end ones against the packaged
 * services, {@code micro} the JMH benchmarks. Writes each one's table to {@code target/bench/<name>.md} (and to the
 * console) with the machine and settings, and its chart, if it draws one, beside it; a run of them all also writes
 * {@code docs/benchmarks.md} ({@link BenchmarksPage}).
 */
public final class Benchmarks {

    private static final Map<String, Harness> HARNESSES = new LinkedHashMap<>();

    static {
        HARNESSES.put("grant-scale-out", new GrantScaleOut());
        HARNESSES.put("relay-failover", new RelayFailover());
        HARNESSES.put("drift-scan", new DriftScan());
        HARNESSES.put("plan-during-stream", new PlanDuringStream());
        HARNESSES.put("apply-curve", new ApplyCurve());
        HARNESSES.put("card-issued-latency", new CardIssuedLatency());
        HARNESSES.put("full-resync", new IncrementalVsFullResync());
        HARNESSES.put("footprint", new Footprint());
        HARNESSES.put("sandbox-throughput", new SandboxThroughput());
        HARNESSES.put("micro", new MicroBenchmarks());
    }

    /** One harness: measures and returns its report as a Markdown section. */
    interface Harness {
        String run() throws Exception;
    }

    private Benchmarks() {
    }

    /** A list-valued setting: {@code -Dname=1,2,4}; unset or empty (the pom passes every setting): the defaults. */
    static List<Integer> ints(String name, String defaults) {
        String value = System.getProperty(name, "").isBlank() ? defaults : System.getProperty(name);
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList();
    }

    public static void main(String[] args) throws Exception {
        String selection = args.length == 0 || args[0].isBlank() ? "all" : args[0];
        List<String> names = selection.equals("all") ? List.copyOf(HARNESSES.keySet())
                : selection.equals("none") ? List.of() : Arrays.asList(selection.split(","));
        for (String name : names) {
            Harness harness = HARNESSES.get(name.trim());
            if (harness == null) {
                throw new IllegalArgumentException("no harness " + name + "; known: " + HARNESSES.keySet());
            }
            Report.write(Path.of("target", "bench", name.trim() + ".md"), name.trim(), harness.run());
        }
        if (selection.equals("all") || Boolean.getBoolean("bench.page")) {
            System.out.println("wrote " + BenchmarksPage.write(Path.of(System.getProperty("gatehouse.root", "..")),
                    HARNESSES.keySet()));
        }
        // the Kafka clients and the sandboxes leave non-daemon threads behind
        System.exit(0);
    }
}
