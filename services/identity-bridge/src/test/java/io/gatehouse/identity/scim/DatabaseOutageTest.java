package io.gatehouse.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.gatehouse.testing.faults.DatabaseProxyResource;
import io.gatehouse.testing.faults.FaultProxy;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import org.junit.jupiter.api.Test;

/**
 * The service's own database taken away for real (a TCP proxy refusing and cutting connections): a provider's
 * request is answered 503 with Retry-After and a SCIM body, nothing is stored or published, and the provider's retry
 * after the outage applies the change once.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@QuarkusTestResource(value = DatabaseProxyResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aRequestDuringAnOutageIs503AndItsRetryAppliesOnce() {
        FaultProxy database = DatabaseProxyResource.proxy();
        String m = Scim.marker();
        String token = Scim.token();
        String person = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "out%s@example.com"}""".formatted(m))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        String group = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "biz-out%s"}""".formatted(m))
                .post("/scim/v2/Groups").then().statusCode(201).extract().path("id");
        String add = """
                {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": [{"op": "add",
                 "path": "members", "value": [{"value": "%s"}]}]}""".formatted(person);

        database.refuse();
        try {
            // The token check itself needs the database: every SCIM request is 503 while it is away.
            Scim.as(token).body(add).patch("/scim/v2/Groups/" + group).then()
                    .statusCode(503)
                    .header("Retry-After", "5")
                    .body("schemas[0]", equalTo("urn:ietf:params:scim:api:messages:2.0:Error"))
                    .body("status", equalTo("503"));
            assertThat(IdentityTopic.settled(kafka, r -> person.equals(r.key()))).isEmpty();
        } finally {
            database.pass();
        }

        Scim.as(token).body(add).patch("/scim/v2/Groups/" + group).then().statusCode(200)
                .body("members.size()", equalTo(1));
        assertThat(IdentityTopic.await(kafka, person, 1)).extracting(IdentityTopic::change)
                .containsExactly("joined out" + m + " as OUT" + m.toUpperCase());
        assertThat(IdentityTopic.settled(kafka, r -> person.equals(r.key()))).hasSize(1);
    }
}
