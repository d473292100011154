package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.admin;
import static io.restassured.RestAssured.given;
import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.grant.service.ScheduledDriftCheck;
import io.gatehouse.messaging.cluster.ClusterLeases;
import io.gatehouse.messaging.config.MessagingConfig;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduled drift check runs on the instance holding its lease: a drift is reported once per round, not per instance. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class ScheduledDriftCheckTest extends StoryBase {

    @Inject
    ScheduledDriftCheck check;
    @Inject
    MessagingConfig messaging;
    @Inject
    EntityManager em;
    @Inject
    MeterRegistry meters;

    @Test
    void onlyTheInstanceHoldingTheLeaseChecks() {
        String db = unique("DB");
        String group = unique("grp");
        String biz = unique("biz");
        String u = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.user(u);
        send(new TableAdded(db, "S", "T", group, List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + u, u, biz));
        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T"));
        String role = "GH_TG_" + group.toUpperCase();
        admin("REVOKE SELECT ON TABLE " + db + ".S.T FROM ROLE " + role);

        // another instance of the service holds the lease: this one's round skips
        ClusterLeases other = new ClusterLeases(messaging, new SimpleMeterRegistry(), "other-instance@test");
        assertThat(other.holds(ScheduledDriftCheck.LEASE)).isTrue();
        check.run();
        assertThat(driftReports(role)).isZero();

        other.close(); // the other instance stops and gives the lease up
        check.run();
        assertThat(driftReports(role)).isEqualTo(1);
        // what the dashboard and the GatehouseDrift alert read; the grants applied above were timed
        assertThat(meters.get("gatehouse.grant.drift.roles").gauge().value()).isGreaterThanOrEqualTo(1.0);
        assertThat(meters.get("gatehouse.grant.statement.duration").tag("outcome", "ok").timer().count()).isPositive();
        assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .contains("gatehouse_grant_statement_duration_seconds_bucket{outcome=\"ok\",le=");
    }

    private long driftReports(String role) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "select count(*) from outbox_event where record_key = ?1 and ce_type like '%DriftDetected%'")
                .setParameter(1, role).getSingleResult()).longValue());
    }
}
