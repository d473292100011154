package io.gatehouse.connectcard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Plain unit test: states verify only when signed with our key, untouched and unexpired. */
class RedirectStateTest {

    private static final String KEY = "0123456789abcdef0123456789abcdef-test-key";
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private final RedirectState states = new RedirectState(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void signedStateBindsTheRequest() {
        String state = states.sign("0b6f8f6e-3c2a-4a7e-9d59-1f4f6c1f2a10", Duration.ofDays(1));
        RedirectState.Verdict verdict = states.verify(state);
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.requestId()).isEqualTo("0b6f8f6e-3c2a-4a7e-9d59-1f4f6c1f2a10");
    }

    @Test
    void tamperedForgedExpiredAndMalformedAreRefused() {
        String state = states.sign("req-1", Duration.ofDays(1));
        assertThat(states.verify(state.replace("req-1", "req-2")).refusal()).isEqualTo(RedirectState.Reason.FORGED);
        String otherKey = new RedirectState("another-key-another-key-another-key!", Clock.fixed(NOW, ZoneOffset.UTC))
                .sign("req-1", Duration.ofDays(1));
        assertThat(states.verify(otherKey).refusal()).isEqualTo(RedirectState.Reason.FORGED);
        RedirectState later = new RedirectState(KEY, Clock.fixed(NOW.plus(Duration.ofDays(1)), ZoneOffset.UTC));
        assertThat(later.verify(state).refusal()).isEqualTo(RedirectState.Reason.EXPIRED);
        String extended = state.substring(0, state.indexOf('.', 8)) + "." + (NOW.getEpochSecond() + 999_999) + state.substring(state.lastIndexOf('.'));
        assertThat(states.verify(extended).refusal()).isEqualTo(RedirectState.Reason.FORGED);
        assertThat(states.verify("garbage").refusal()).isEqualTo(RedirectState.Reason.MALFORMED);
        assertThat(states.verify(null).refusal()).isEqualTo(RedirectState.Reason.MALFORMED);
        assertThat(states.verify("v1.a b.1.x").refusal()).isEqualTo(RedirectState.Reason.MALFORMED);
    }

    @Test
    void weakKeysAndOddRequestIdsAreRefusedUpFront() {
        assertThatThrownBy(() -> new RedirectState("short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> states.sign("a.b", Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ownerLinksAndRedirectStatesAreNotInterchangeable() {
        String link = states.signOwnerLink("req-1", Duration.ofDays(30));
        assertThat(states.verifyOwnerLink(link).requestId()).isEqualTo("req-1");
        assertThat(states.verify(link).valid()).isFalse();
        String state = states.sign("req-1", Duration.ofDays(1));
        assertThat(states.verifyOwnerLink(state).valid()).isFalse();
        // the prefix is under the MAC: relabelling a redirect state as an owner link is a forgery
        assertThat(states.verifyOwnerLink("o1" + state.substring(2)).refusal()).isEqualTo(RedirectState.Reason.FORGED);
        RedirectState later = new RedirectState(KEY, Clock.fixed(NOW.plus(Duration.ofDays(31)), ZoneOffset.UTC));
        assertThat(later.verifyOwnerLink(link).refusal()).isEqualTo(RedirectState.Reason.EXPIRED);
    }
}
