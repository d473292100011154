package io.gatehouse.webhook.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatehouse.events.ConnectorBroken;
import io.gatehouse.events.ConnectorHealthy;
import io.gatehouse.events.SyncCompleted;
import io.gatehouse.events.SyncStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Plain JUnit, domain: signature rules and what each Fivetran payload becomes. */
class WebhookTranslationTest {

    private static final String SYNC_END = """
            {"event":"sync_end","created":"2026-05-22T00:06:08.638Z","connector_type":"google_cloud_postgresql",\
            "connector_id":"assimilate_seem","connector_name":"ftar_pg","sync_id":"b4703f73-6315-4e22-8d7a-3bfb18b2fed2",\
            "destination_group_id":"inappropriate_implode","data":{"status":"SUCCESSFUL"}}""";

    @Test
    void documentedSyncEndBecomesSyncCompleted() {
        WebhookTranslation.Result result = WebhookTranslation.translate(FivetranWebhook.parse(bytes(SYNC_END)));

        assertThat(result.event()).contains(new SyncCompleted("assimilate_seem", "inappropriate_implode",
                "b4703f73-6315-4e22-8d7a-3bfb18b2fed2", SyncStatus.SUCCESSFUL, null));
    }

    @Test
    void legacyGroupIdAndFailureStatusesAreRead() {
        String body = "{\"event\":\"sync_end\",\"connector_id\":\"c\",\"group_id\":\"g\",\"data\":{\"status\":\"FAILED\"}}";

        assertThat(WebhookTranslation.translate(FivetranWebhook.parse(bytes(body))).event())
                .contains(new SyncCompleted("c", "g", null, SyncStatus.FAILED, "FAILED"));
    }

    @Test
    void connectionFailureWithoutReasonStillNamesWhatHappened() {
        String body = "{\"event\":\"connection_failure\",\"connector_id\":\"c\",\"data\":{}}";

        assertThat(WebhookTranslation.translate(FivetranWebhook.parse(bytes(body))).event())
                .contains(new ConnectorBroken("c", null, "connection_failure", "Fivetran reported connection_failure"));
    }

    @Test
    void connectionSuccessfulBecomesConnectorHealthyExceptForTestDeliveries() {
        String body = "{\"event\":\"connection_successful\",\"connector_id\":\"c\",\"destination_group_id\":\"g\",\"data\":{}}";

        assertThat(WebhookTranslation.translate(FivetranWebhook.parse(bytes(body))).event())
                .contains(new ConnectorHealthy("c", "g", "connection_successful"));
        assertThat(WebhookTranslation.translate(FivetranWebhook.parse(bytes(body.replace("\"c\"", "\"_connection_1\"")))).test())
                .isTrue();
        assertThatThrownBy(() -> WebhookTranslation.translate(FivetranWebhook.parse(
                bytes("{\"event\":\"connection_successful\"}")))).hasMessageContaining("connector_id");
    }

    @Test
    void unreadableBodiesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> FivetranWebhook.parse(bytes("[1]"))).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> FivetranWebhook.parse(bytes("{}"))).hasMessageContaining("'event' is missing");
        assertThatThrownBy(() -> WebhookTranslation.translate(FivetranWebhook.parse(bytes("{\"event\":\"sync_end\"}"))))
                .hasMessageContaining("connector_id");
    }

    @Test
    void signatureIsHexHmacOfTheExactBytesInEitherCase() {
        WebhookSignature signature = new WebhookSignature("secret");
        // HMAC-SHA256("secret", "abc"), computed independently (openssl dgst -sha256 -hmac secret).
        String expected = "9946dad4e00e913fc8be8e5d3f7e110a4a9e832f83fb09c345285d78638d8a0e";

        assertThat(signature.sign(bytes("abc"))).isEqualTo(expected);
        assertThat(signature.matches(bytes("abc"), expected.toUpperCase())).isTrue();
        assertThat(signature.matches(bytes("abc"), " " + expected + " ")).isTrue();
        assertThat(signature.matches(bytes("abc "), expected)).isFalse();
        assertThat(signature.matches(bytes("abc"), null)).isFalse();
        assertThat(signature.matches(bytes("abc"), "sha256=" + expected)).isFalse();
    }

    @Test
    void deliveryKeyIsTheBodyHash() {
        assertThat(DeliveryKey.of(bytes(SYNC_END))).hasSize(64).isEqualTo(DeliveryKey.of(bytes(SYNC_END)))
                .isNotEqualTo(DeliveryKey.of(bytes(SYNC_END + "\n")));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
