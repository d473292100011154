package io.gatehouse.webhook;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.gatehouse.testing.net.FreePorts;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Startup option against the sandbox: with gatehouse.webhook.register.enabled the service registers its own public
 * URL for the configured group after it is up, retrying while Fivetran refuses (here: the group does not exist yet).
 */
@QuarkusTest
@TestProfile(RegistrationAtStartupTest.RegisterAtStartup.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class RegistrationAtStartupTest {

    static final String GROUP = "startup_group";

    /** Fixes the HTTP port up front, because the public URL must name it before the service starts. */
    public static class RegisterAtStartup implements QuarkusTestProfile {
        private static final int PORT = freePort();

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.http.test-port", String.valueOf(PORT),
                    "gatehouse.webhook.register.enabled", "true",
                    "gatehouse.webhook.register.group-ids", GROUP,
                    "gatehouse.webhook.register.public-url", "http://127.0.0.1:" + PORT + "/",
                    "gatehouse.webhook.register.retry-every", "1s");
        }

        private static int freePort() {
            try {
                return FreePorts.pick();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** As the service sees it: the profile class may be loaded (and its port picked) more than once. */
    @ConfigProperty(name = "gatehouse.webhook.register.public-url")
    String publicUrl;

    @Test
    void registersTheConfiguredGroupOnceItExists() {
        String url = publicUrl + "webhooks/fivetran";
        String create = "POST /v1/webhooks/group/" + GROUP;
        // Fivetran refuses (unknown group) and the service keeps trying.
        await().atMost(Duration.ofSeconds(15)).until(() -> FivetranSandboxResource.sandbox().requestCount(create) >= 2);
        assertThat(webhooksFor(url)).isZero();

        FivetranSandboxResource.sandbox().addGroup(GROUP);

        await().atMost(Duration.ofSeconds(15)).until(() -> webhooksFor(url) == 1);
        long attempts = FivetranSandboxResource.sandbox().requestCount(create);
        // Registered: no further attempts, still one webhook.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> FivetranSandboxResource.sandbox().requestCount(create) == attempts);
        assertThat(webhooksFor(url)).isEqualTo(1);
        // The admin endpoint with no url uses the same public URL, and finds the webhook the startup created.
        given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json")
                .body("{\"groupId\":\"" + GROUP + "\"}")
                .when().post("/admin/fivetran-webhooks")
                .then().statusCode(200).body("created", equalTo(false)).body("url", equalTo(url));
    }

    private static long webhooksFor(String url) {
        return SandboxWebhooks.sendingTo(url, GROUP);
    }
}
