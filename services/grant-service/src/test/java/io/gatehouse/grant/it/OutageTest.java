package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.grant.persistence.JobQueue;
import io.gatehouse.grant.persistence.JobStatus;
import io.gatehouse.snowflake.sandbox.SnowflakeSandbox;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end: Snowflake down while 100 events arrive; after the restart all 100 are applied, each exactly once. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class OutageTest extends StoryBase {

    @Inject
    JobQueue jobs;

    @Test
    void hundredEventsDuringAnOutageAreAllAppliedOnceAfterTheRestart() throws Exception {
        SnowflakeSandbox sandbox = Snowflake.sandbox();
        String db = unique("DB");
        String biz = unique("BIZ");
        Snowflake.table(db, "S", "T");
        send(new TableAdded(db, "S", "T", unique("grp"), List.of(biz), null, null));
        await().atMost(WAIT).until(() -> !sandbox.executeAsAdmin("SHOW ROLES LIKE 'GH_BIZ_" + biz + "_PUBLIC'").isEmpty());
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String u = unique("O" + i);
            users.add(u);
            Snowflake.user(u);
        }
        List<String> eventIds = new ArrayList<>();
        sandbox.stop();
        try {
            for (String u : users) {
                eventIds.add(send(new UserJoinedBusiness("id-" + u, u, biz)).id());
            }
            // the jobs are stored and failing (transient) while Snowflake is away
            await().atMost(WAIT).until(() -> QuarkusTransaction.requiringNew().call(() -> eventIds.stream()
                    .allMatch(id -> jobs.byEvent(id).size() == 1)));
            Thread.sleep(3000);
        } finally {
            sandbox.start();
        }

        await().atMost(java.time.Duration.ofSeconds(120)).until(() -> QuarkusTransaction.requiringNew().call(() ->
                eventIds.stream().allMatch(id -> jobs.byEvent(id).get(0).status == JobStatus.DONE)));
        for (String u : users) {
            String grant = "GRANT ROLE \"GH_BIZ_" + biz + "_PUBLIC\" TO ROLE \"GH_USER_" + u + "\"";
            assertThat(sandbox.statementLog().entries().stream().filter(e -> e.sql().equals(grant) && e.succeeded()))
                    .as(grant).hasSize(1);
        }
        assertThat(sandbox.executeAsAdmin("SHOW GRANTS OF ROLE GH_BIZ_" + biz + "_PUBLIC").stream()
                .filter(r -> r.get("grantee_name").startsWith("GH_USER_O"))).hasSize(100);
        assertThat(Snowflake.canRead(users.get(42), db + ".S.T")).isTrue();
    }
}
