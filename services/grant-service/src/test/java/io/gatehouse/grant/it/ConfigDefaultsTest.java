package io.gatehouse.grant.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** Config: GrantConfig's defaults are what the @Scheduled expressions read, with no second default beside them. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = SnowflakeSandboxResource.class, scope = TestResourceScope.GLOBAL)
class ConfigDefaultsTest {

    @Inject
    GrantConfig config;

    @Test
    void theApplyPollIntervalComesFromGrantConfigAndTheTestProfileTurnsTheDriftCheckOff() {
        var lookup = ConfigProvider.getConfig();
        assertThat(config.apply().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(lookup.getValue("gatehouse.grant.apply.poll-interval", Duration.class)).isEqualTo(Duration.ofSeconds(1));
        assertThat(lookup.getValue("gatehouse.grant.drift.interval", String.class)).isEqualTo("off");
        assertThat(config.apply().backoffBase()).isEqualTo(Duration.ofMillis(200));
        assertThat(config.managedPrefix()).isEqualTo("GH_");
        assertThat(config.apply().chunkSize()).isEqualTo(200);
        assertThat(config.apply().userWait().backoffBase()).as("scaled down for the tests").isEqualTo(Duration.ofSeconds(2));
        assertThat(config.apply().userWait().horizon()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void theDriftReadersLeaveTheApplyWorkerItsConnectionsAndSomeToSpare() {
        int pool = ConfigProvider.getConfig().getValue("quarkus.datasource.snowflake.jdbc.max-size", Integer.class);
        assertThat(config.drift().concurrency()).isEqualTo(16);
        assertThat(config.apply().concurrency() + config.drift().concurrency()).isLessThan(pool);
        assertThat(config.drift().verifyDelay()).isEqualTo(Duration.ofSeconds(3)); // the test profile's; 30 s by default
    }
}
