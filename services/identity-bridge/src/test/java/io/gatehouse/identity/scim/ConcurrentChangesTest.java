package io.gatehouse.identity.scim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Providers retry and send in parallel. Many concurrent adds, removes, deactivations and reactivations of one person
 * across three business groups: afterwards, per business, the events alternate join / leave in strictly increasing
 * time, and the last one says what SCIM holds. Nothing is announced twice, nothing is missed.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ConcurrentChangesTest {

    private static final String PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void concurrentChangesOfOnePersonStayInStepWithScim() throws Exception {
        String m = Scim.marker();
        String token = Scim.token();
        String person = Scim.as(token).body("""
                {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": "con%s@example.com"}""".formatted(m))
                .post("/scim/v2/Users").then().statusCode(201).extract().path("id");
        List<String> groups = new ArrayList<>();
        for (int g = 0; g < 3; g++) {
            groups.add(Scim.as(token).body("""
                    {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "biz-con%d%s"}""".formatted(g, m))
                    .post("/scim/v2/Groups").then().statusCode(201).extract().path("id"));
        }

        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            Random random = new Random(t);
            done.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    int choice = random.nextInt(8);
                    if (choice == 7) {
                        Scim.as(token).body("""
                                {"schemas": ["%s"], "Operations": [{"op": "replace", "path": "active", "value": %s}]}"""
                                .formatted(PATCH, random.nextBoolean())).patch("/scim/v2/Users/" + person).then().statusCode(200);
                    } else {
                        String op = choice % 2 == 0 ? "add" : "remove";
                        String path = op.equals("add") ? "members" : "members[value eq \\\"" + person + "\\\"]";
                        String value = op.equals("add") ? ", \"value\": [{\"value\": \"" + person + "\"}]" : "";
                        Scim.as(token).body("""
                                {"schemas": ["%s"], "Operations": [{"op": "%s", "path": "%s"%s}]}"""
                                .formatted(PATCH, op, path, value))
                                .patch("/scim/v2/Groups/" + groups.get(choice % 3)).then().statusCode(200);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        boolean active = Scim.as(token).get("/scim/v2/Users/" + person).then().statusCode(200).extract().path("active");
        Map<String, Boolean> expected = new HashMap<>();
        for (int g = 0; g < 3; g++) {
            List<String> members = Scim.as(token).get("/scim/v2/Groups/" + groups.get(g)).then().statusCode(200)
                    .extract().path("members.value");
            expected.put("con" + g + m, active && members.contains(person));
        }

        List<JsonNode> events = IdentityTopic.settled(kafka, r -> person.equals(r.key()));
        assertThat(events).extracting(e -> Instant.parse(e.path("time").asText())).isSorted().doesNotHaveDuplicates();
        Map<String, Boolean> announced = new HashMap<>();
        for (JsonNode event : events) {
            String business = event.path("business").asText();
            boolean joined = event.path("type").asText().contains("UserJoinedBusiness");
            assertThat(announced.getOrDefault(business, false)).as("%s alternates join and leave", business).isNotEqualTo(joined);
            announced.put(business, joined);
        }
        for (Map.Entry<String, Boolean> business : expected.entrySet()) {
            assertThat(announced.getOrDefault(business.getKey(), false)).as(business.getKey()).isEqualTo(business.getValue());
        }
        assertThat(events).isNotEmpty();
    }
}
