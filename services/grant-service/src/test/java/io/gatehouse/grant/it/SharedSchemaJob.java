package io.gatehouse.grant.it;

import static io.restassured.RestAssured.given;

import io.gatehouse.grant.persistence.AppliedGrant;
import io.gatehouse.grant.persistence.ApplyJob;
import io.gatehouse.grant.persistence.AuditEntry;
import io.gatehouse.grant.persistence.AuditOutcome;
import io.gatehouse.testing.auth.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Test support: one apply job of many statements from one REST call, a shared schema {@code LAB.<schema>} with
 * {@code members} users (about five statements per member), and what the job left behind (its row, audit, ledger).
 */
record SharedSchemaJob(String schema, List<String> members, String changeId) {

    /** Creates the users in Snowflake, then declares the schema with all of them as members. */
    static SharedSchemaJob put(int members) {
        String schema = Snowflake.unique("CHUNKS");
        List<String> logins = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String login = Snowflake.unique("M" + i);
            Snowflake.user(login);
            logins.add(login);
        }
        String body = logins.stream().map(l -> "\"" + l + "\"").collect(Collectors.joining(",", "{\"members\":[", "]}"));
        String changeId = given().auth().oauth2(TestTokens.platformAdmin()).contentType("application/json").body(body)
                .when().put("/shared-schemas/LAB." + schema).then().statusCode(202).extract().path("changeId");
        return new SharedSchemaJob(schema, logins, changeId);
    }

    String schemaRole() {
        return "GH_SS_LAB_" + schema;
    }

    ApplyJob job() {
        return QuarkusTransaction.requiringNew().call(() ->
                ApplyJob.<ApplyJob>list("eventId = ?1", changeId).get(0));
    }

    List<AuditEntry> audit(AuditOutcome outcome) {
        return QuarkusTransaction.requiringNew().call(() ->
                AuditEntry.<AuditEntry>list("eventId = ?1 and outcome = ?2 order by id", changeId, outcome));
    }

    /** Statements audited as run successfully, in order. */
    List<String> auditedOk() {
        return audit(AuditOutcome.OK).stream().map(e -> e.statement).toList();
    }

    /** Ledger rows of the job's roles (the schema role and the members' user roles). */
    long ledgerRows() {
        List<String> roles = new ArrayList<>(members.stream().map(m -> "GH_USER_" + m).toList());
        roles.add(schemaRole());
        return QuarkusTransaction.requiringNew().call(() -> AppliedGrant.count("roleName in ?1", roles));
    }
}
