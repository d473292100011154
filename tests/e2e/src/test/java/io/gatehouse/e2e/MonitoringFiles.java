package io.gatehouse.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.testing.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The PromQL in deploy/: every Grafana panel target's {@code expr} and every Prometheus rule's {@code expr}. */
final class MonitoringFiles {

    static final Path GRAFANA = ServiceProcess.root().resolve("deploy/grafana");
    static final Path PROMETHEUS = ServiceProcess.root().resolve("deploy/prometheus");
    static final Path ALERTS = PROMETHEUS.resolve("alerts.yml");

    private MonitoringFiles() {
    }

    /** Each metric name read, with where it is read (a panel title or an alert name). */
    static Map<String, TreeSet<String>> metricsRead() throws IOException {
        Map<String, TreeSet<String>> read = new TreeMap<>();
        try (Stream<Path> dashboards = Files.list(GRAFANA.resolve("dashboards"))) {
            for (Path dashboard : dashboards.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode root = new ObjectMapper().readTree(dashboard.toFile());
                for (JsonNode panel : root.findParents("targets")) {
                    for (JsonNode target : panel.path("targets")) {
                        note(read, target.path("expr").asText(), "panel " + panel.path("title").asText());
                    }
                }
            }
        }
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(ALERTS.toFile());
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                note(read, rule.path("expr").asText(), "alert " + rule.path("alert").asText(rule.path("record").asText()));
            }
        }
        return read;
    }

    private static void note(Map<String, TreeSet<String>> read, String expr, String where) {
        PromQl.metricNames(expr).forEach(name -> read.computeIfAbsent(name, n -> new TreeSet<>()).add(where));
    }
}
