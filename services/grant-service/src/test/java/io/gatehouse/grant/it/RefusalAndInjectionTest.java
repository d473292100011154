package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.admin;
import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.events.Topics;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.testing.auth.TestTokens;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** End to end: hostile names are quoted (never executed) or refused to the DLQ with the reason. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class RefusalAndInjectionTest extends StoryBase {

    static final String HOSTILE = "x\"; DROP ROLE SYSADMIN; --";

    @Test
    void aHostileTableNameIsQuotedAsOneIdentifierAndNeverExecuted() {
        String db = unique("DB");
        String biz = unique("biz");
        String u = unique("U");
        admin("CREATE DATABASE " + db);
        admin("CREATE SCHEMA " + db + ".S");
        admin("CREATE TABLE " + db + ".S.\"x\"\"; DROP ROLE SYSADMIN; --\" (id INT)");
        Snowflake.user(u);
        send(new TableAdded(db, "S", HOSTILE, unique("grp"), List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + u, u, biz));

        await().atMost(WAIT).until(() -> canRead(u, db + ".S.\"x\"\"; DROP ROLE SYSADMIN; --\""));
        assertThat(Snowflake.sandbox().executeAsAdmin("SHOW ROLES LIKE 'SYSADMIN'")).hasSize(1);
        assertThat(Snowflake.sandbox().statementLog().entries())
                .noneMatch(e -> e.sql().startsWith("DROP ROLE SYSADMIN"))
                .anyMatch(e -> e.sql().contains("\"x\"\"; DROP ROLE SYSADMIN; --\""));
    }

    @Test
    void aGroupNameARoleCannotCarryGoesToTheDeadLetterTopicWithTheReason() {
        String db = unique("DB");
        TableAdded bad = new TableAdded(db, "S", "T", "sales\"; DROP ROLE SYSADMIN; --", List.of("retail"), null, null);
        send(bad);

        ConsumerRecord<String, String> dead = KafkaEvents.awaitRecord(companion, Topics.deadLetter(Topics.CATALOG),
                r -> r.key().startsWith(db + "."), WAIT);
        assertThat(KafkaEvents.header(dead, "dead-letter-reason")).hasValueSatisfying(reason ->
                assertThat(reason).contains("table group").contains("cannot carry"));
    }

    @Test
    void aLoginWithAControlCharacterGoesToTheDeadLetterTopic() {
        String id = unique("id");
        send(new UserJoinedBusiness(id, "eve\u0000", "retail"));

        ConsumerRecord<String, String> dead = KafkaEvents.awaitRecord(companion, Topics.deadLetter(Topics.IDENTITY),
                r -> id.equals(r.key()), WAIT);
        assertThat(KafkaEvents.header(dead, "dead-letter-reason")).hasValueSatisfying(reason ->
                assertThat(reason).contains("control character"));
    }

    @Test
    void aReplayedDeadLetterComesBackToTheIdentityConsumer() {
        // The dead letter names the service's consumer group; the identity consumer has a name of its own. A replay
        // must still reach it: here the record fails again, so it comes back as a second dead letter of the same event.
        String id = unique("id");
        send(new UserJoinedBusiness(id, "mallory\u0007", "retail"));
        await().atMost(WAIT).until(() -> deadLettersOf(id).size() == 1);
        int letter = deadLettersOf(id).get(0);

        given().auth().oauth2(TestTokens.platformAdmin()).post("/dead-letters/" + letter + "/replay").then()
                .statusCode(200).body("replays", equalTo(1)).body("consumer", equalTo("grant-service"));
        await().atMost(WAIT).until(() -> deadLettersOf(id).size() == 2);
    }

    private static List<Integer> deadLettersOf(String eventKey) {
        return given().auth().oauth2(TestTokens.ops()).queryParam("limit", 1000).get("/dead-letters").then()
                .statusCode(200).extract().jsonPath().getList("findAll { it.key == '" + eventKey + "' }.id", Integer.class);
    }
}
