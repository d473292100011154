package io.gatehouse.bench;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
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
        return report(results);
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
            String name = run.getParams().getBenchmark().replace("io.gatehouse.bench.micro.", "");
            out.append(String.format("| %s | %s | %s | %s | %s |%n", name, run.getParams().getMode().shortLabel(),
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
