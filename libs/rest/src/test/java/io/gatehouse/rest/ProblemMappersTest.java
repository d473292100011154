package io.gatehouse.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** @QuarkusTest over HTTP: every error is application/problem+json, and validation names each field. */
@QuarkusTest
class ProblemMappersTest {

    @Test
    void everyInvalidFieldIsNamed() {
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"\",\"owner\":{\"name\":\"Ada\",\"email\":\"not-an-email\"},\"items\":[]}")
                .post("/echo")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("errors.field", containsInAnyOrder("id", "owner.email", "items"));
    }

    @Test
    void brokenJsonIsAProblemToo() {
        given().contentType(ContentType.JSON).body("{\"id\": ").post("/echo")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("title", equalTo("Bad Request"));
        given().contentType(ContentType.JSON).body("{\"id\":\"1\",\"owner\":{\"name\":\"A\",\"email\":\"a@b.c\"},\"items\":\"x\"}")
                .post("/echo")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("items"));
    }

    @Test
    void thrownProblemsAndUnknownPathsKeepTheirStatus() {
        given().get("/echo/42").then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("detail", equalTo("no order 42"));
        given().contentType(ContentType.JSON).body("{}").put("/echo").then().statusCode(405).contentType(Problem.MEDIA_TYPE);
    }

    @Test
    void validBodyPasses() {
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"1\",\"owner\":{\"name\":\"Ada\",\"email\":\"ada@example.com\"},\"items\":[\"a\"]}")
                .post("/echo")
                .then().statusCode(200).body("owner.name", equalTo("Ada"));
    }

    @Test
    void containerElementsAndNestedListsNameTheirIndex() {
        given().contentType(ContentType.JSON)
                .body("{\"id\":\"1\",\"owner\":{\"name\":\"A\",\"email\":\"a@b.c\"},\"items\":[\"x\",\" \"],"
                        + "\"helpers\":[{\"name\":\"B\",\"email\":\"b@c.d\"},{\"name\":\"\",\"email\":\"c@d.e\"}]}")
                .post("/echo")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", containsInAnyOrder("items[1]", "helpers[1].name"));
    }

    @Test
    void domainFailuresGetTheirStatus() {
        given().get("/echo/domain/missing").then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("no such order"));
        given().get("/echo/domain/clash").then().statusCode(409).contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("order is closed"));
        given().get("/echo/domain/rule").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", contains("config.password", "owner.email"));
    }
}
