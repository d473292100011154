package io.gatehouse.messaging.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatehouse.messaging.config.MessagingConfig;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two instances of a service, as two ClusterLeases with their own holder ids on the build's database. */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
class ClusterLeasesTest {

    @Inject
    MessagingConfig config;

    private final String schedule = "schedule-" + UUID.randomUUID();
    private final AtomicInteger runsOnFirst = new AtomicInteger();
    private final AtomicInteger runsOnSecond = new AtomicInteger();
    private ClusterLeases first;
    private ClusterLeases second;

    @AfterEach
    void stopInstances() {
        first.close();
        second.close();
    }

    @Test
    void onlyTheHolderRunsANamedSchedule() {
        start();
        for (int tick = 0; tick < 3; tick++) {
            runOnBoth();
            first.heartbeat();
            second.heartbeat();
        }

        assertThat(runsOnFirst).hasValue(3);
        assertThat(runsOnSecond).hasValue(0);
    }

    @Test
    void aReleasedLeaseIsTakenOverAtTheNextRun() {
        start();
        runOnBoth();

        first.close(); // the first instance is stopped
        runOnBoth();

        assertThat(runsOnFirst).hasValue(1);
        assertThat(runsOnSecond).hasValue(1);
        assertThat(second.holds(schedule)).isTrue();
    }

    @Test
    void aLapsedLeaseIsTakenOverWithinTheLease() {
        start();
        runOnBoth();
        Instant lastRenewal = Instant.now();

        // The first instance is killed (or paused): it renews nothing from now on; the second's heartbeat goes on.
        Duration lease = config.cluster().lease().duration();
        await().atMost(lease.plus(config.cluster().lease().renewInterval()))
                .pollInterval(config.cluster().lease().renewInterval())
                .until(() -> {
                    second.heartbeat();
                    return second.holds(schedule);
                });
        assertThat(Duration.between(lastRenewal, Instant.now())).isGreaterThanOrEqualTo(lease.minusMillis(500));
        runOnBoth(); // the first comes back: it learns it lost the lease and skips

        assertThat(runsOnFirst).hasValue(1);
        assertThat(runsOnSecond).hasValue(1);
        assertThat(first.holds(schedule)).isFalse();
    }

    private void start() {
        first = new ClusterLeases(config, new SimpleMeterRegistry(), "first@test");
        second = new ClusterLeases(config, new SimpleMeterRegistry(), "second@test");
    }

    private void runOnBoth() {
        first.runIfHeld(schedule, runsOnFirst::incrementAndGet);
        second.runIfHeld(schedule, runsOnSecond::incrementAndGet);
    }
}
