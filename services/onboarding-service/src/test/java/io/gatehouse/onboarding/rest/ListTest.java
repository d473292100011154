package io.gatehouse.onboarding.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HTTP: ops list requests newest first, filtered by state, service and owner, page by page. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ListTest {

    @Test
    void filtersAndPages() {
        String marker = Requests.marker();
        String first = Requests.create(marker);
        String second = Requests.create(marker);
        Map<String, Object> sheets = Requests.body(marker);
        sheets.put("service", "google_sheets");
        sheets.put("config", Map.of("auth_type", "ServiceAccount", "named_range", "orders",
                "sheet_id", "https://docs.google.com/spreadsheets/d/1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms/edit"));
        String third = Requests.post(sheets).then().statusCode(202).extract().path("id");

        Requests.asOps().queryParam("owner", "ADA+" + marker).queryParam("size", 2).get("/onboarding-requests").then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("size", equalTo(2))
                .body("items.id", equalTo(List.of(third, second)));
        Requests.asOps().queryParam("owner", "ada+" + marker).queryParam("size", 2).queryParam("page", 1)
                .get("/onboarding-requests").then()
                .body("items.id", equalTo(List.of(first)));
        Requests.asOps().queryParam("owner", "ada+" + marker).queryParam("service", "google_sheets")
                .get("/onboarding-requests").then()
                .body("items.id", equalTo(List.of(third)));
        Requests.asOps().queryParam("owner", "ada+" + marker).queryParam("state", "requested")
                .get("/onboarding-requests").then()
                .body("items", hasSize(3))
                .body("items.state", everyItem(equalTo("REQUESTED")));
        Requests.asOps().queryParam("owner", "ada+" + marker).queryParam("state", "ACTIVE")
                .get("/onboarding-requests").then()
                .body("total", equalTo(0));
    }
}
