package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.admin;
import static io.gatehouse.grant.it.Snowflake.asUser;
import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end (real broker, sandbox through snowflake-jdbc): business membership gives read access to published groups. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class BusinessAccessTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion companion;

    void send(GatehouseEvent event) {
        KafkaEvents.send(companion, KafkaEvents.record(CloudEvent.of("/tests", event)));
    }

    @Test
    void joiningABusinessGivesItsPublishedGroupsAndLeavingTakesThemBack() throws SQLException {
        String db = unique("DB");
        String retail = unique("retail").toLowerCase();
        String people = unique("people").toLowerCase();
        String sales = unique("sales").toLowerCase();
        String hr = unique("hr").toLowerCase();
        String secret = unique("secret").toLowerCase();
        String u = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.table(db, "H", "STAFF");
        Snowflake.table(db, "X", "PAYROLL");
        Snowflake.user(u);
        send(new TableAdded(db, "S", "T", sales, List.of(retail), null, null));
        send(new TableAdded(db, "H", "STAFF", hr, List.of(people), null, null));
        send(new TableAdded(db, "X", "PAYROLL", secret, List.of(), null, null));

        send(new UserJoinedBusiness("id-" + u, u, retail));
        send(new UserJoinedBusiness("id-" + u, u, people));

        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T") && canRead(u, db + ".H.STAFF"));
        assertThat(asUser(u, "SELECT COUNT(*) FROM " + db + ".S.T")).containsExactly("1");
        assertThatThrownBy(() -> asUser(u, "SELECT * FROM " + db + ".X.PAYROLL"))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getErrorCode()).isEqualTo(2003))
                .hasMessageContaining("does not exist or not authorized");

        send(new UserLeftBusiness("id-" + u, u, retail));

        await().atMost(WAIT).until(() -> !canRead(u, db + ".S.T"));
        assertThat(canRead(u, db + ".H.STAFF")).isTrue();
    }

    @Test
    void aTableAddedToAPublishedGroupIsReadableByExistingMembersWithNoOtherEvent() {
        String db = unique("DB");
        String biz = unique("biz").toLowerCase();
        String group = unique("grp").toLowerCase();
        String u = unique("U");
        Snowflake.table(db, "S", "T1");
        Snowflake.user(u);
        send(new TableAdded(db, "S", "T1", group, List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + u, u, biz));
        await().atMost(WAIT).until(() -> canRead(u, db + ".S.T1"));

        Snowflake.table(db, "S2", "T2");
        assertThat(canRead(u, db + ".S2.T2")).isFalse();
        long grantsBefore = Snowflake.sandbox().statementLog().count("GRANT");
        send(new TableAdded(db, "S2", "T2", group, List.of(biz), null, null));

        await().atMost(WAIT).until(() -> canRead(u, db + ".S2.T2"));
        // one SELECT plus USAGE on the schema new to the group's role (the database was already there)
        await().atMost(WAIT).until(() -> Snowflake.sandbox().statementLog().count("GRANT") - grantsBefore >= 2);
        assertThat(Snowflake.sandbox().statementLog().count("GRANT") - grantsBefore).isEqualTo(2);
        admin("SHOW ROLES");
    }
}
