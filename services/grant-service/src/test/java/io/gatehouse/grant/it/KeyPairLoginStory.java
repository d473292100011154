package io.gatehouse.grant.it;

import static io.gatehouse.grant.it.Snowflake.canRead;
import static io.gatehouse.grant.it.Snowflake.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.events.CloudEvent;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.snowflake.sandbox.StatementLog;
import io.gatehouse.testing.kafka.KafkaEvents;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The service logs in with a key pair only (its Snowflake user has no password) and applies a join through it. The
 * subclasses give the key file plain or encrypted ({@link SnowflakeKeyPairResource}).
 */
abstract class KeyPairLoginStory {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    void send(GatehouseEvent event) {
        KafkaEvents.send(companion, KafkaEvents.record(CloudEvent.of("/tests", event)));
    }

    @Test
    void aJoinIsAppliedThroughTheKeyOnlyServiceUser() {
        Instant start = Instant.now();
        String db = unique("DB");
        String biz = unique("biz").toLowerCase();
        String group = unique("grp").toLowerCase();
        String u = unique("U");
        Snowflake.table(db, "S", "T");
        Snowflake.user(u);

        send(new TableAdded(db, "S", "T", group, List.of(biz), null, null));
        send(new UserJoinedBusiness("id-" + u, u, biz));

        await().atMost(Duration.ofSeconds(30)).until(() -> canRead(u, db + ".S.T"));
        List<StatementLog.Entry> grants = Snowflake.sandbox().statementLog().entries().stream()
                .filter(e -> e.at().isAfter(start) && e.kind().equals("GRANT") && e.sql().contains(u))
                .toList();
        assertThat(grants).isNotEmpty().allSatisfy(e -> {
            assertThat(e.user()).isEqualTo(ServiceKeys.USER);
            assertThat(e.succeeded()).isTrue();
        });
    }
}
