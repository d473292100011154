package io.gatehouse.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.testing.process.ServiceProcess;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The monitoring files in deploy/ as Prometheus, Grafana and docker compose take them: promtool accepts the rules and
 * the scrape configuration and passes the alerts' own unit tests (where Debian's prometheus package is installed),
 * and docker-compose.yml provisions Prometheus and Grafana with files that exist. That the metrics they read exist is
 * proved on the running system by {@link OnboardingToAccessIT}.
 */
class MonitoringConfigIT {

    private static final Path ROOT = ServiceProcess.root();
    private static final Map<String, String> SERVICES = Map.of("onboarding-service", "8181", "connector-service", "8182",
            "webhook-receiver", "8183", "grant-service", "8184", "identity-bridge", "8185", "ops-console", "8186");

    @Test
    void promtoolAcceptsTheRulesTheConfigurationsAndTheAlertTests() throws Exception {
        assumeTrue(promtool() != null, "promtool is not installed (Debian: apt-get install prometheus)");
        promtool("check", "rules", MonitoringFiles.ALERTS.toString());
        promtool("check", "config", MonitoringFiles.PROMETHEUS.resolve("prometheus.yml").toString());
        promtool("check", "config", MonitoringFiles.PROMETHEUS.resolve("prometheus-local.yml").toString());
        promtool("test", "rules", MonitoringFiles.PROMETHEUS.resolve("alerts.test.yml").toString());
    }

    @Test
    void everyServiceIsScrapedAtItsMetricsPath() throws Exception {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (String file : List.of("prometheus.yml", "prometheus-local.yml")) {
            JsonNode config = yaml.readTree(MonitoringFiles.PROMETHEUS.resolve(file).toFile());
            Map<String, String> targets = new java.util.TreeMap<>();
            for (JsonNode job : config.path("scrape_configs")) {
                assertThat(job.path("metrics_path").asText()).as(file).isEqualTo("/q/metrics");
                targets.put(job.path("job_name").asText(), job.path("static_configs").get(0).path("targets").get(0).asText());
            }
            assertThat(targets.keySet()).as(file).containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
            targets.forEach((service, target) -> assertThat(target).as(file + " " + service)
                    .isEqualTo(file.equals("prometheus.yml") ? service + ":8080" : "127.0.0.1:" + SERVICES.get(service)));
        }
    }

    @Test
    void dockerComposeProvisionsPrometheusAndGrafanaWithTheseFiles() throws Exception {
        JsonNode compose = new ObjectMapper(new YAMLFactory()).readTree(ROOT.resolve("docker-compose.yml").toFile());
        JsonNode services = compose.path("services");
        for (String service : SERVICES.keySet()) {
            assertThat(services.has(service)).as(service).isTrue();
        }
        JsonNode prometheus = services.path("prometheus");
        assertThat(prometheus.path("image").asText()).startsWith("prom/prometheus:");
        assertThat(String.join(" ", texts(prometheus.path("command")))).contains("--config.file=/etc/prometheus/prometheus.yml");
        JsonNode grafana = services.path("grafana");
        assertThat(grafana.path("image").asText()).startsWith("grafana/grafana:");
        List<String> mounts = new ArrayList<>(texts(prometheus.path("volumes")));
        mounts.addAll(texts(grafana.path("volumes")));
        assertThat(mounts).contains("./deploy/prometheus:/etc/prometheus:ro",
                "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro",
                "./deploy/grafana/dashboards:/var/lib/grafana/dashboards:ro");
        for (String mount : mounts) {
            assertThat(ROOT.resolve(mount.split(":")[0])).as(mount).exists();
        }

        // Grafana's provisioning: the datasource the dashboard names, the folder the dashboards are mounted at
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode datasource = yaml.readTree(MonitoringFiles.GRAFANA.resolve("provisioning/datasources/prometheus.yml").toFile())
                .path("datasources").get(0);
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        JsonNode provider = yaml.readTree(MonitoringFiles.GRAFANA.resolve("provisioning/dashboards/gatehouse.yml").toFile())
                .path("providers").get(0);
        assertThat(provider.path("options").path("path").asText()).isEqualTo("/var/lib/grafana/dashboards");
        JsonNode dashboard = new ObjectMapper().readTree(MonitoringFiles.GRAFANA.resolve("dashboards/gatehouse.json").toFile());
        assertThat(dashboard.findValuesAsText("uid")).contains(datasource.path("uid").asText()).doesNotContainNull();
        for (JsonNode target : dashboard.findValues("targets")) {
            for (JsonNode t : target) {
                assertThat(t.path("datasource").path("uid").asText()).isEqualTo(datasource.path("uid").asText());
            }
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static Path promtool() {
        String path = System.getenv("PATH");
        return path == null ? null : Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable).findFirst().orElse(null);
    }

    private static void promtool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
