package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.EventType;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.Topics;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.grant.service.DesiredChanges;
import io.gatehouse.grant.service.JobRunner;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Two instances on one database (real broker, sandbox through snowflake-jdbc): the service's own worker and a second
 * holder with another instance id, driven here through {@link JobRunner}, compete for a backlog of the same jobs. Every
 * job runs once: each statement runs once in Snowflake, is audited once and published once in GrantsApplied.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class CompetingWorkersTest extends StoryBase {

    static final String OTHER_INSTANCE = "other-host/instance-b";

    @Inject
    JobQueue jobs;
    @Inject
    JobRunner runner;
    @Inject
    DesiredChanges desired;

    @Test
    void twoInstancesNeverApplyAJobTwiceNorAuditAStatementTwice() {
        SnowflakeSandbox sandbox = Snowflake.sandbox();
        String db = unique("DB");
        String biz = unique("BIZ");
        Snowflake.table(db, "S", "T");
        String added = send(new TableAdded(db, "S", "T", unique("grp"), List.of(biz), null, null)).id();
        await().atMost(WAIT).until(() -> Jobs.allDone(List.of(added)));
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            users.add(unique("C" + i));
            Snowflake.user(users.get(i));
        }
        AtomicInteger ranByOther = new AtomicInteger();
        List<String> events = new ArrayList<>();
        sandbox.setStatementLatency(Duration.ofMillis(30));
        try {
            // 32 joins handled in one transaction, as the identity consumer handles each: a backlog four times the
            // worker's concurrency appears at once, so both instances find pending jobs
            QuarkusTransaction.requiringNew().run(() -> users.forEach(u -> {
                String id = UUID.randomUUID().toString();
                desired.enqueue(desired.userJoined(new UserJoinedBusiness("id-" + u, u, biz), Instant.now()), id,
                        EventType.of(UserJoinedBusiness.class).ceType());
                events.add(id);
            }));
            // each poll is one round of the second instance over every pending job, newest first
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
                List<ApplyJob> pending = new ArrayList<>(QuarkusTransaction.requiringNew().call(() -> jobs.startable(Instant.now(), 500)));
                Collections.reverse(pending);
                for (ApplyJob job : pending) {
                    if (runner.run(job.id, OTHER_INSTANCE) == JobRunner.Result.RAN) {
                        ranByOther.incrementAndGet();
                    }
                }
                return Jobs.allDone(events);
            });
        } finally {
            sandbox.setStatementLatency(Duration.ZERO);
        }
        List<ApplyJob> done = events.stream().flatMap(e -> Jobs.byEvent(e).stream()).toList();
        long byOther = done.stream().filter(j -> OTHER_INSTANCE.equals(j.claimedBy)).count();
        Log.infof("%d jobs: %d completed by the second instance (%d runs there), the rest by the service's worker",
                done.size(), byOther, ranByOther.get());
        assertThat(byOther).as("the second instance took part").isPositive();
        assertThat(byOther).as("so did the service's worker").isLessThan(done.size());
        assertThat(done).as("no claim left behind").allSatisfy(j -> assertThat(j.claimToken).isNull());

        List<String> ok = Jobs.auditedOk(events);
        assertThat(ok).hasSizeGreaterThanOrEqualTo(users.size());
        assertThat(Jobs.counts(ok)).as("each statement audited once").allSatisfy((sql, n) -> assertThat(n).isEqualTo(1));
        assertThat(Jobs.audit(events)).noneMatch(e -> e.outcome == AuditOutcome.FAILED);
        List<String> ran = sandbox.statementLog().entries().stream()
                .filter(e -> e.succeeded() && ok.contains(e.sql())).map(e -> e.sql()).toList();
        assertThat(Jobs.counts(ran)).as("each statement ran once in Snowflake").hasSize(ok.size())
                .allSatisfy((sql, n) -> assertThat(n).isEqualTo(1));
        assertThat(Jobs.counts(grantsApplied(events))).as("GrantsApplied: each statement once").hasSize(ok.size())
                .allSatisfy((sql, n) -> assertThat(n).isEqualTo(1));
        await().atMost(WAIT).until(() -> users.stream().allMatch(u -> canRead(u, db + ".S.T")));
    }

    private List<String> grantsApplied(List<String> causes) {
        List<String> statements = new ArrayList<>();
        for (ConsumerRecord<String, String> r : KafkaEvents.recordsWithin(companion, Topics.ACCESS,
                r -> causes.stream().anyMatch(r.value()::contains), Duration.ofSeconds(3))) {
            try {
                ChunkedApplyTest.JSON.readTree(r.value()).get("statements").forEach(s -> statements.add(s.asText()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return statements;
    }
}
