package io.gatehouse.fivetran.client;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gatehouse.fivetran.client.error.FivetranRateLimitedException;
import io.gatehouse.fivetran.client.error.FivetranServerException;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.fivetran.client.model.CreateConnection;
import io.gatehouse.fivetran.sandbox.FivetranSandbox;
import io.gatehouse.fivetran.sandbox.http.RecordedRequest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** 429 honours Retry-After, 5xx and timeouts are retried with backoff, and a retried create never creates twice. */
@QuarkusTest
@QuarkusTestResource(FivetranSandboxResource.class)
class RetryTest {
    @Inject
    FivetranClient client;

    FivetranSandbox sandbox;

    @BeforeEach
    void reset() {
        sandbox = FivetranSandboxResource.sandbox();
        sandbox.reset();
    }

    private CreateConnection request(String schema) {
        return CreateConnection.forConnectCard(FivetranSandboxResource.GROUP, "postgres_rds", schema, "https://x.example/r");
    }

    @Test
    void tooManyRequestsThenSuccessWaitsRetryAfterAndCreatesOnce() {
        sandbox.failNext("POST /v1/connections", 429, 1, 1);
        long start = System.nanoTime();
        Connection created = client.createConnection(request("rate_limited"));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(created.schema()).isEqualTo("rate_limited");
        assertThat(elapsedMs).isGreaterThanOrEqualTo(1000);
        List<RecordedRequest> creates = sandbox.requests().stream().filter(r -> r.matches("POST /v1/connections")).toList();
        assertThat(creates).extracting(RecordedRequest::status).containsExactly(429, 201);
        assertThat(Duration.between(creates.get(0).at(), creates.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(sandbox.createCount()).isEqualTo(1);
        assertThat(sandbox.connections()).hasSize(1);
    }

    @Test
    void retryAfterLongerThanTheCapGoesToTheCallerAtOnce() {
        sandbox.failNext("GET /v1/connections/.*", 429, 1, 3600);
        var e = catchThrowableOfType(FivetranRateLimitedException.class, () -> client.connection("x"));
        assertThat(e.retryAfter()).contains(Duration.ofHours(1));
        assertThat(e.code()).isEqualTo("TooManyRequests");
        assertThat(sandbox.requestCount("GET /v1/connections/x")).isEqualTo(1);
    }

    @Test
    void serverErrorThenSuccessIsRetried() {
        Connection created = client.createConnection(request("flaky"));
        sandbox.failNext("GET /v1/connections/.*", 500, 1, null);
        assertThat(client.connection(created.id()).id()).isEqualTo(created.id());
        assertThat(sandbox.requests()).filteredOn(r -> r.matches("GET /v1/connections/" + created.id()))
                .extracting(RecordedRequest::status).containsExactly(500, 200);
    }

    @Test
    void serverErrorOnCreateThenSuccessCreatesOnce() {
        sandbox.failNext("POST /v1/connections", 503, 1, null);
        client.createConnection(request("after_503"));
        assertThat(sandbox.createCount()).isEqualTo(1);
        assertThat(sandbox.requestCount("POST /v1/connections")).isEqualTo(2);
    }

    @Test
    void persistentServerErrorsStopAfterMaxAttempts() {
        sandbox.failNext("GET /v1/connections/.*", 502, 10, null);
        var e = catchThrowableOfType(FivetranServerException.class, () -> client.connection("down"));
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.isRetryable()).isTrue();
        assertThat(sandbox.requestCount("GET /v1/connections/down")).isEqualTo(3);
    }

    @Test
    void readTimeoutIsRetried() {
        Connection created = client.createConnection(request("slow"));
        sandbox.delayNext("GET /v1/connections/.*", Duration.ofMillis(1500), 1);
        long start = System.nanoTime();
        assertThat(client.connection(created.id()).id()).isEqualTo(created.id());
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void createWhoseAnswerTimedOutIsFoundInsteadOfRepeated() throws InterruptedException {
        sandbox.delayNext("POST /v1/connections", Duration.ofMillis(1500), 1);
        Connection created = client.createConnection(request("timed_out_create"));
        assertThat(created.schema()).isEqualTo("timed_out_create");
        Thread.sleep(700); // let the slow first create finish on the server side
        assertThat(sandbox.createCount()).isEqualTo(1);
        assertThat(sandbox.connections()).hasSize(1);
    }
}
