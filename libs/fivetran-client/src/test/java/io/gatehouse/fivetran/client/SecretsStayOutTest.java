package io.gatehouse.fivetran.client;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.fivetran.client.error.FivetranErrorMapper;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The API secret and Connect Card tokens never show up in exceptions, toString() or the client's logs. */
@QuarkusTest
@QuarkusTestResource(FivetranSandboxResource.class)
class SecretsStayOutTest {
    @Inject
    FivetranClient client;

    @Test
    void cardTokensAreRedactedFromToStringAndErrorMessages() {
        FivetranSandbox sandbox = FivetranSandboxResource.sandbox();
        sandbox.reset();
        Connection created = client.createConnection(
                CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "google_sheets", "tokens", "https://x.example/r"));
        String token = created.connectCard().token();
        assertThat(token).isNotBlank();
        assertThat(created.toString()).doesNotContain(token).contains("auth=******");
        assertThat(created.connectCard().toString()).doesNotContain(token);

        String body = "{\"code\":\"InvalidInput\",\"message\":\"bad card " + created.connectCard().uri() + " token " + token + "\"}";
        var e = FivetranErrorMapper.map(400, body, null);
        assertThat(e.getMessage()).doesNotContain(token).contains("InvalidInput");
        assertThat(e.fivetranMessage()).doesNotContain(token);
        assertThat(e.toString()).doesNotContain(token);
    }

    @Test
    void retryLogsCarryNeitherSecretNorToken() {
        FivetranSandbox sandbox = FivetranSandboxResource.sandbox();
        sandbox.reset();
        List<String> logged = new ArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord record) {
                logged.add(record.getMessage() + " " + (record.getParameters() == null ? "" : List.of(record.getParameters())));
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Logger logger = Logger.getLogger(FivetranRetry.class.getName());
        logger.addHandler(capture);
        try {
            sandbox.failNext("POST /v1/connections", 500, 2, null);
            Connection created = client.createConnection(
                    CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "google_sheets", "logged", "https://x.example/r"));
            assertThat(logged).isNotEmpty();
            assertThat(String.join("\n", logged))
                    .doesNotContain(FivetranSandboxResource.API_SECRET)
                    .doesNotContain(created.connectCard().token());
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void requestToStringHidesConfigValues() {
        CreateConnection request = new CreateConnection("g", "postgres_rds", true, false,
                java.util.Map.of("schema", "s", "password", "p@ss-w0rd"), null);
        assertThat(request.toString()).doesNotContain("p@ss-w0rd");
    }
}
