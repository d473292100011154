package io.gatehouse.fivetran.client;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.fivetran.client.error.FivetranAuthenticationException;
import io.gatehouse.fivetran.client.error.FivetranConflictException;
import io.gatehouse.fivetran.client.error.FivetranInvalidInputException;
import io.gatehouse.fivetran.client.error.FivetranNotFoundException;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 4xx answers become typed exceptions with Fivetran's code and message, and are never retried. */
@QuarkusTest
@QuarkusTestResource(FivetranSandboxResource.class)
class ErrorMappingTest {
    @Inject
    FivetranClient client;

    FivetranSandbox sandbox;

    @BeforeEach
    void reset() {
        sandbox = FivetranSandboxResource.sandbox();
        sandbox.reset();
    }

    @Test
    void wrongCredentialsAre401AndNotRetried() {
        // The same interface and providers as the configured client, built by hand with another secret.
        FivetranApi wrongSecret = QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(sandbox.baseUrl()))
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("Authorization",
                        FivetranHeaders.basic(FivetranSandboxResource.API_KEY, "not-the-secret")))
                .build(FivetranApi.class);
        FivetranClient wrong = new FivetranClient(wrongSecret,
                new FivetranRetry(new FivetranRetry.Settings(3, Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofSeconds(1))));
        var e = catchThrowableOfType(FivetranAuthenticationException.class, () -> wrong.connection("any"));
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.isRetryable()).isFalse();
        assertThat(e.getMessage()).doesNotContain("not-the-secret");
        assertThat(sandbox.requestCount("GET /v1/connections/any")).isEqualTo(1);
    }

    @Test
    void unknownConnectionIs404WithFivetransCode() {
        var e = catchThrowableOfType(FivetranNotFoundException.class, () -> client.connection("missing"));
        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo("NotFound_Connection");
        assertThat(e.fivetranMessage()).isEqualTo("Connection with id 'missing' doesn't exist");
        assertThat(sandbox.requestCount("GET /v1/connections/missing")).isEqualTo(1);
    }

    @Test
    void schemaConfigBeforeTheFirstSyncIsNotFoundSchemaConfig() {
        var created = client.createConnection(CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "postgres_rds", "pg_early", "https://x.example/r"));
        var e = catchThrowableOfType(FivetranNotFoundException.class, () -> client.schemaConfig(created.id()));
        assertThat(e.code()).isEqualTo("NotFound_SchemaConfig");
    }

    @Test
    void duplicateSchemaIs409AndNotRetried() {
        client.createConnection(CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "postgres_rds", "dup", "https://x.example/r"));
        var e = catchThrowableOfType(FivetranConflictException.class, () -> client.createConnection(
                CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "sql_server_rds", "dup", "https://x.example/r")));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.code()).isEqualTo("Conflict");
        assertThat(sandbox.requestCount("POST /v1/connections")).isEqualTo(2);
        assertThat(sandbox.createCount()).isEqualTo(1);
    }

    @Test
    void unknownServiceAndGroupAreRefused() {
        var service = catchThrowableOfType(FivetranInvalidInputException.class, () -> client.createConnection(
                CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "no_such_service", "x", "https://x.example/r")));
        assertThat(service.code()).isEqualTo("InvalidInput");
        assertThat(service.fivetranMessage()).isEqualTo("Unsupported service 'no_such_service'");
        var group = catchThrowableOfType(FivetranNotFoundException.class, () -> client.createConnection(
                CreateConnection.forConnectCard("no_group", "postgres_rds", "x", "https://x.example/r")));
        assertThat(group.code()).isEqualTo("NotFound");
        assertThat(sandbox.createCount()).isZero();
    }
}
