package io.gatehouse.bench;

import java.io.IOException;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH benchmarks of {@code io.gatehouse.bench.micro} (the planner, the role-name rule), each in a JVM of its own
 * as JMH forks it. Quick settings by default, enough to see the order of magnitude in about a minute;
 * {@code -Dbench.full=true} for settings whose figures can be compared. {@code -Dbench.micro=<regex>} narrows the
 * benchmarks run.
 */
final class MicroBenchmarks implements Benchmarks.Harness {

    /** How long JMH runs: forks, warm-up and measured iterations, each iteration's time. */
    record Settings(int forks, int warmups, int iterations, TimeValue time) {
        static Settings of(boolean full) {
            return full ? new Settings(2, 5, 5, TimeValue.seconds(10)) : new Settings(1, 1, 3, TimeValue.seconds(1));
        }

        @Override
        public String toString() {
            return String.format("%d fork%s, %d warm-up and %d measured iterations of %s", forks, forks == 1 ? "" : "s",
                    warmups, iterations, time);
        }
    }

    private final Settings settings = Settings.of(Boolean.getBoolean("bench.full"));
    private final String include = System.getProperty("bench.micro", "io.gatehouse.bench.micro.");

    @Override
    public String run() throws Exception {
        Options options = new OptionsBuilder()
                .include(include)
                .forks(settings.forks())
                .warmupIterations(settings.warmups())
                .warmupTime(settings.time())
                .measurementIterations(settings.iterations())
                .measurementTime(settings.time())
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        return report(results) + System.lineSeparator() + charts(results);
    }

    /** One bar chart per unit (the planner's ops/s, the naming rule's ns/op), {@code target/bench/micro-<unit>.png}. */
    private String charts(Collection<RunResult> results) throws IOException {
        Map<String, Plot> byUnit = new TreeMap<>();
        for (RunResult run : results) {
            Result<?> result = run.getPrimaryResult();
            byUnit.computeIfAbsent(result.getScoreUnit(), unit -> Plot.of("JMH, " + unit, "benchmark", unit))
                    .bar(settings.toString(), name(run), result.getScore());
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Plot> chart : byUnit.entrySet()) {
            String file = "micro-" + chart.getKey().replaceAll("[^A-Za-z0-9]+", "-").toLowerCase(Locale.ROOT);
            out.append(Report.image("JMH benchmarks in " + chart.getKey(), chart.getValue().writeBars(file)));
        }
        return out.toString();
    }

    private static String name(RunResult run) {
        return run.getParams().getBenchmark().replace("io.gatehouse.bench.micro.", "");
    }

    private String report(Collection<RunResult> results) {
        StringBuilder out = new StringBuilder(String.format("JMH %s, %s (%s).%n%n"
                        + "| benchmark | mode | score | error (99.9%%) | unit |%n|---|---|---|---|---|%n",
                org.openjdk.jmh.util.Version.getPlainVersion(), settings,
                Boolean.getBoolean("bench.full") ? "-Dbench.full=true" : "quick; -Dbench.full=true for full settings"));
        List<RunResult> sorted = results.stream()
                .sorted(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())).toList();
        for (RunResult run : sorted) {
            Result<?> result = run.getPrimaryResult();
            out.append(String.format("| %s | %s | %s | %s | %s |%n", name(run), run.getParams().getMode().shortLabel(),
                    figure(result.getScore()), Double.isNaN(result.getScoreError()) ? "-" : figure(result.getScoreError()),
                    result.getScoreUnit()));
        }
        return out.toString();
    }

    /** Whole numbers from 100 on, else one or two decimals: JMH's own digits suggest a precision quick runs lack. */
    private static String figure(double value) {
        if (value >= 100) {
            return String.format("%,.0f", value);
        }
        return value >= 10 ? String.format("%.1f", value) : String.format("%.2f", value);
    }
}
