package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.EventType;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.grant.messaging.in.IdentityConsumer;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * End to end (real broker, sandbox through snowflake-jdbc): membership follows the events' time per (user, business),
 * so a join replayed after the leave grants nothing, and join, leave, join in time order still grants again.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class MembershipOrderTest extends StoryBase {

    @Inject
    JobQueue jobs;
    @Inject
    MeterRegistry meters;
    @Inject
    EntityManager em;

    @Test
    void aJoinReplayedAfterTheLeaveWithAnOlderTimeGivesNoAccess() throws Exception {
        String db = unique("DB");
        String biz = unique("BIZ");
        String u = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.user(u);
        Instant joined = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);
        send(new TableAdded(db, "S", "T", unique("grp"), List.of(biz), null, null));
        sendAt(joined, new UserJoinedBusiness("id-" + u, u, biz));
        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T"));
        sendAt(joined.plus(Duration.ofMinutes(5)), new UserLeftBusiness("id-" + u, u, biz));
        await().atMost(WAIT).until(() -> !canRead(u, db + ".S.T"));
        double staleBefore = staleJoins();

        // a DLQ replay, or HR re-sending the old join under a new id: same time as the first join, before the leave
        String replay = sendAt(joined, new UserJoinedBusiness("id-" + u, u, biz)).id();

        await().atMost(WAIT).until(() -> processed(replay));
        assertThat(staleJoins() - staleBefore).isEqualTo(1.0);
        assertThat(QuarkusTransaction.requiringNew().call(() -> jobs.byEvent(replay))).isEmpty();
        assertThat(canRead(u, db + ".S.T")).isFalse();
        assertThat(Snowflake.sandbox().executeAsAdmin("SHOW GRANTS OF ROLE GH_BIZ_" + biz + "_PUBLIC"))
                .noneMatch(r -> ("GH_USER_" + u).equals(r.get("grantee_name")));
    }

    @Test
    void joinLeaveJoinInTimeOrderGrantsAgain() {
        String db = unique("DB");
        String biz = unique("BIZ");
        String u = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.user(u);
        Instant start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MICROS);
        send(new TableAdded(db, "S", "T", unique("grp"), List.of(biz), null, null));

        sendAt(start, new UserJoinedBusiness("id-" + u, u, biz));
        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T"));
        sendAt(start.plus(Duration.ofMinutes(1)), new UserLeftBusiness("id-" + u, u, biz));
        await().atMost(WAIT).until(() -> !canRead(u, db + ".S.T"));
        sendAt(start.plus(Duration.ofMinutes(2)), new UserJoinedBusiness("id-" + u, u, biz));
        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T"));
    }

    private double staleJoins() {
        return meters.counter("gatehouse.grant.events.stale", "type", EventType.of(UserJoinedBusiness.class).ceType())
                .count();
    }

    /** The inbox row proves the event was handled, not merely still in flight. */
    private boolean processed(String eventId) {
        return ((Number) QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                        "select count(*) from processed_event where consumer = ?1 and event_id = ?2")
                .setParameter(1, IdentityConsumer.NAME).setParameter(2, eventId).getSingleResult())).longValue() == 1;
    }
}
