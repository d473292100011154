package io.gatehouse.grant.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.faults.FaultProxy;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * End to end (sandbox through snowflake-jdbc behind a real TCP proxy): Snowflake refuses connections for longer than
 * max-attempts x back-off. The job waits, pending and never parked, readiness reports Snowflake down, and the job
 * completes once Snowflake is back.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeFaultResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class LongOutageTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @Inject
    MeterRegistry meters;

    @Test
    void anOutageLongerThanTheAttemptLimitNeverParksTheJobAndItCompletesAfterwards() {
        FaultProxy snowflake = SnowflakeFaultResource.proxy();
        int limit = SnowflakeFaultResource.MAX_ATTEMPTS;
        SharedSchemaJob put;
        ApplyJob waiting;
        snowflake.refuse();
        try {
            put = SharedSchemaJob.put(2);
            await().atMost(WAIT).until(() -> put.job().outages >= 2 * limit);
            waiting = put.job();
            given().when().get("/q/health/ready").then().statusCode(503)
                    .body("checks.find { it.name == 'gatehouse-snowflake' }.status", equalTo("DOWN"));
            assertThat(meters.get("gatehouse.grant.jobs.retried").tag("cause", "outage").counter().count())
                    .isGreaterThanOrEqualTo(2 * limit);
        } finally {
            snowflake.pass();
        }
        assertThat(waiting.status).as("an outage never parks").isEqualTo(JobStatus.PENDING);
        assertThat(waiting.attempts).as("outages do not count towards max-attempts").isZero();
        assertThat(waiting.lastError).isNotBlank();
        given().auth().oauth2(TestTokens.ops()).when().get("/failures").then().statusCode(200)
                .body("id", not(hasItem(waiting.id.intValue())));
        Log.infof("job %d waited out %d failed attempts (limit %d): %s", waiting.id, waiting.outages, limit,
                waiting.lastError);

        await().atMost(WAIT).until(() -> put.job().status == JobStatus.DONE);
        for (String member : put.members()) {
            assertThat(Snowflake.sandbox().executeAsAdmin("SHOW GRANTS OF ROLE " + put.schemaRole()).stream()
                    .anyMatch(r -> ("GH_USER_" + member).equals(r.get("grantee_name")))).as(member).isTrue();
        }
        await().atMost(WAIT).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'gatehouse-snowflake' }.status", equalTo("UP")));
    }
}
