package io.gatehouse.grant.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Plain JUnit (domain): a change applies unless the fact was last changed by a later event. */
class EventOrderTest {

    static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aFactNeverChangedTakesAnyEvent() {
        assertThat(EventOrder.applies(null, T)).isTrue();
    }

    @Test
    void aLaterEventApplies() {
        assertThat(EventOrder.applies(T, T.plusMillis(1))).isTrue();
    }

    @Test
    void anEventAtTheSameTimeAppliesAsItAlwaysDid() {
        assertThat(EventOrder.applies(T, T)).isTrue();
    }

    @Test
    void anOlderEventIsStale() {
        assertThat(EventOrder.applies(T, T.minusNanos(1000))).isFalse();
    }
}
