package io.gatehouse.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.gatehouse.testing.process.ServiceProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Kubernetes manifests Quarkus generated while packaging each service (target/kubernetes/kubernetes.yml): what a
 * platform team applies must run two instances behind probes, survive a node drain, and carry no secret in clear.
 */
class KubernetesManifestsIT {

    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL).*");

    @ParameterizedTest
    @ValueSource(strings = {"onboarding-service", "connector-service", "webhook-receiver", "grant-service", "identity-bridge",
            "ops-console"})
    void everyServiceRunsTwiceBehindProbesWithSettingsFromConfigMapAndSecret(String service) throws Exception {
        List<JsonNode> resources = read(service);
        JsonNode deployment = only(resources, "Deployment");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
        JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("envFrom").findValuesAsText("name")).containsExactlyInAnyOrder(service, service);
        assertThat(container.path("envFrom").findValues("secretRef")).hasSize(1);
        for (JsonNode env : container.path("env")) {
            // a secret only ever arrives through the Secret, never as a literal value in the manifest
            if (SECRET_NAME.matcher(env.path("name").asText()).matches()) {
                assertThat(env.has("value")).as(env.path("name").asText()).isFalse();
            }
        }

        JsonNode budget = only(resources, "PodDisruptionBudget");
        assertThat(budget.path("spec").path("minAvailable").asInt()).isEqualTo(1);
        assertThat(budget.path("spec").path("selector").path("matchLabels").path("app.kubernetes.io/name").asText()).isEqualTo(service);
    }

    @ParameterizedTest
    @ValueSource(strings = {"onboarding-service", "connector-service", "webhook-receiver", "grant-service", "identity-bridge"})
    void everyServiceWithADatabaseMigratesItOncePerReleaseInAJob(String service) throws Exception {
        // migrations run once per release in a Job, not raced by every replica at start (the ops-console has no database)
        assertThat(only(read(service), "Job").path("metadata").path("name").asText()).isEqualTo(service + "-flyway-init");
    }

    @Test
    void theGrantServiceMountsItsSnowflakeKeyFromASecretReadOnly() throws Exception {
        JsonNode pod = only(read("grant-service"), "Deployment").path("spec").path("template").path("spec");
        JsonNode volume = pod.path("volumes").findParents("secret").get(0);
        assertThat(volume.path("secret").path("secretName").asText()).isEqualTo("grant-service-snowflake-key");
        assertThat(volume.path("secret").path("optional").asBoolean()).as("a password deployment starts without it").isTrue();
        JsonNode mount = pod.path("containers").get(0).path("volumeMounts").get(0);
        assertThat(mount.path("name").asText()).isEqualTo(volume.path("name").asText());
        assertThat(mount.path("mountPath").asText()).isEqualTo("/var/run/secrets/snowflake");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();
    }

    private static List<JsonNode> read(String service) throws Exception {
        Path manifest = ServiceProcess.root().resolve("services").resolve(service).resolve("target/kubernetes/kubernetes.yml");
        assertThat(manifest).as("generated when the service is packaged").exists();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> resources = new ArrayList<>();
        try (var parser = yaml.getFactory().createParser(Files.readString(manifest))) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(resources::add);
        }
        return resources;
    }

    private static JsonNode only(List<JsonNode> resources, String kind) {
        List<JsonNode> ofKind = resources.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
        assertThat(ofKind).as(kind).hasSize(1);
        return ofKind.get(0);
    }
}
