package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.JobClaims;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.grant.service.DesiredChanges;
import io.gatehouse.grant.service.JobRunner;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
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
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Claims with a lease (database, sandbox through snowflake-jdbc): a job held by an instance that died is taken over once
 * its lease has run out and completed; a holder whose job was taken over while it ran has its results refused by the
 * fence, so every statement is still audited once.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class LeaseTakeoverTest extends StoryBase {

    static final String OTHER_INSTANCE = "other-host/instance-b";

    @Inject
    DesiredChanges desired;
    @Inject
    JobRunner runner;
    @Inject
    JobClaims claims;
    @Inject
    EntityManager em;
    @Inject
    AgroalDataSource db;
    @Inject
    MeterRegistry meters;

    @Test
    void aJobWhoseHolderDiedIsTakenOverOnceItsLeaseRanOut() throws Exception {
        String database = unique("DB");
        String biz = unique("BIZ");
        String u = unique("U");
        Snowflake.table(database, "S", "T");
        Snowflake.user(u);
        String added = send(new TableAdded(database, "S", "T", unique("grp"), List.of(biz), null, null)).id();
        await().atMost(WAIT).until(() -> Jobs.allDone(List.of(added)));

        // the join's job is claimed, with its role locked, by an instance that then dies: written in the transaction
        // that queues the job, so no live worker sees it unclaimed
        String joined = UUID.randomUUID().toString();
        String userRole = "GH_USER_" + u;
        QuarkusTransaction.requiringNew().run(() -> {
            desired.enqueue(desired.userJoined(new UserJoinedBusiness("id-" + u, u, biz), Instant.now()), joined, "test.join");
            em.flush();
            em.createNativeQuery("update apply_job set claimed_by = 'dead-host/instance-a', claim_token = 'dead-token', "
                    + "lease_until = ?1 where event_id = ?2").setParameter(1, Instant.now().plus(Duration.ofHours(1)))
                    .setParameter(2, joined).executeUpdate();
            em.createNativeQuery("insert into role_lock (role_name, holder, token, lease_until) "
                    + "values (?1, 'dead-host/instance-a', 'dead-token', ?2)").setParameter(1, userRole)
                    .setParameter(2, Instant.now().plus(Duration.ofHours(1))).executeUpdate();
        });
        long jobId = Jobs.byEvent(joined).get(0).id;
        assertThat(runner.run(jobId, OTHER_INSTANCE)).as("a live lease is not taken").isEqualTo(JobRunner.Result.NOT_CLAIMED);
        assertThat(Jobs.byEvent(joined).get(0).status).isEqualTo(JobStatus.PENDING);

        Jobs.expireLease(db, jobId, "dead-token");

        await().atMost(WAIT).until(() -> Jobs.allDone(List.of(joined)));
        ApplyJob job = Jobs.byEvent(joined).get(0);
        assertThat(job.claimedBy).isNotEqualTo("dead-host/instance-a");
        assertThat(job.claimToken).isNull();
        assertThat(Jobs.counts(Jobs.auditedOk(List.of(joined)))).isNotEmpty().allSatisfy((sql, n) -> assertThat(n).isEqualTo(1));
        assertThat(canRead(u, database + ".S.T")).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> claims.renew(jobId, "dead-token", 0, Instant.now())))
                .as("the dead holder's fenced write is refused").isFalse();
    }

    @Test
    void aHolderWhoseJobWasTakenOverWhileItRanRecordsNothing() throws Exception {
        SnowflakeSandbox sandbox = Snowflake.sandbox();
        double fencedBefore = meters.counter("gatehouse.grant.jobs.fenced").count();
        SharedSchemaJob put;
        long jobId;
        sandbox.setStatementLatency(Duration.ofMillis(50));
        try {
            // about 200 statements at 50 ms: the service's worker holds the job for about ten seconds
            put = SharedSchemaJob.put(50);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> put.job().claimToken != null);
            ApplyJob first = put.job();
            jobId = first.id;
            String firstToken = first.claimToken;
            // the first holder stalls (a long pause, a partition): its lease runs out and another instance takes over
            await().atMost(WAIT).until(() -> {
                Jobs.expireLease(db, jobId, firstToken);
                return runner.run(jobId, OTHER_INSTANCE) == JobRunner.Result.RAN;
            });
            assertThat(QuarkusTransaction.requiringNew().call(() -> claims.renew(jobId, firstToken, 0, Instant.now())))
                    .as("a write fenced by the first holder's token is refused").isFalse();
            // the first holder runs the rest of its chunk before it tries to record it: at full speed from here, so a
            // loaded machine does not stretch its remaining statements past the wait
            sandbox.setStatementLatency(Duration.ZERO);
            await().atMost(WAIT.multipliedBy(2)).until(() -> meters.counter("gatehouse.grant.jobs.fenced").count() > fencedBefore);
        } finally {
            sandbox.setStatementLatency(Duration.ZERO);
        }

        ApplyJob job = put.job();
        assertThat(job.status).isEqualTo(JobStatus.DONE);
        assertThat(job.claimedBy).isEqualTo(OTHER_INSTANCE);
        List<String> ok = put.auditedOk();
        assertThat(ok).hasSizeGreaterThan(150);
        assertThat(Jobs.counts(ok)).as("each statement audited once").allSatisfy((sql, n) -> assertThat(n).isEqualTo(1));
        assertThat(put.ledgerRows()).isEqualTo(ok.size());
        assertThat(Set.copyOf(sandbox.executeAsAdmin("SHOW GRANTS OF ROLE " + put.schemaRole()).stream()
                .map(r -> r.get("grantee_name")).filter(n -> n.startsWith("GH_USER_M")).toList())).hasSize(put.members().size());
    }
}
