package io.gatehouse.webhook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a return page may cost, against the Fivetran sandbox (which counts the calls): a confirmed state is answered
 * without Fivetran, a state and an address are rate limited, and a slow Fivetran costs the owner the short timeout,
 * not the retry budget. Each test comes from its own client address (X-Forwarded-For, trusted in this profile), so
 * the per-address limit of one does not throttle another.
 */
@QuarkusTest
@TestProfile(ReturnPageLimitsTest.SmallLimits.class)
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class ReturnPageLimitsTest extends CardFlowBase {

    static final int CALLS_PER_STATE = 3;
    static final int REQUESTS_PER_ADDRESS = 30;
    static final Duration FIVETRAN_TIMEOUT = Duration.ofSeconds(1);
    /** Long, so that the buckets hardly refill while a loaded machine runs a test (one token per two minutes and more). */
    static final Duration WINDOW = Duration.ofHours(1);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "gatehouse.connect-card.return-page.calls-per-state", String.valueOf(CALLS_PER_STATE),
                    "gatehouse.connect-card.return-page.requests-per-address", String.valueOf(REQUESTS_PER_ADDRESS),
                    "gatehouse.connect-card.return-page.fivetran-timeout", FIVETRAN_TIMEOUT.toString(),
                    "gatehouse.connect-card.return-page.window", WINDOW.toString(),
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true");
        }
    }

    @Test
    void reloadingAConfirmedStateTwentyTimesAsksFivetranAtMostOnce() {
        CardFlow.Card card = flow.issue();
        String location = flow.complete(card);
        String address = newAddress();
        long before = fivetranReads(card.connectionId());

        for (int reload = 0; reload < 20; reload++) {
            Response page = open(location, address);
            assertThat(page.statusCode()).as("reload %d", reload).isEqualTo(200);
            assertThat(page.body().asString()).contains("<h1>Setup complete</h1>");
        }

        assertThat(fivetranReads(card.connectionId()) - before).isLessThanOrEqualTo(1);
        assertThat(flow.outboxRows(card.requestId())).isEqualTo(1);
    }

    @Test
    void reloadingAStateWhoseConnectionFivetranNoLongerKnowsAsksFivetranOnce() {
        CardFlow.Card card = flow.issue();
        String address = newAddress();
        FivetranSandboxResource.sandbox().failNext("GET /v1/connections/" + card.connectionId(), 404, 1, null);
        long before = fivetranReads(card.connectionId());

        for (int reload = 0; reload < 5; reload++) {
            assertThat(open(card.returnUrl(), address).statusCode()).as("reload %d", reload).isEqualTo(410);
        }

        assertThat(fivetranReads(card.connectionId()) - before).isEqualTo(1);
    }

    @Test
    void aHundredReloadsOfAnUnfinishedStateAskFivetranAtMostTheStateLimit() {
        CardFlow.Card card = flow.issue();
        long before = fivetranReads(card.connectionId());

        List<Integer> statuses = new ArrayList<>();
        for (int reload = 0; reload < 100; reload++) {
            // Every reload from another address: only the per-state limit is in play.
            Response page = open(card.returnUrl(), newAddress());
            statuses.add(page.statusCode());
            if (page.statusCode() == 429) {
                assertThat(Long.parseLong(page.header("Retry-After"))).isBetween(1L, WINDOW.toSeconds());
            }
        }

        // The bucket refills continuously: a very slow run may earn one more call.
        assertThat(fivetranReads(card.connectionId()) - before).isBetween((long) CALLS_PER_STATE, CALLS_PER_STATE + 1L);
        assertThat(statuses.subList(0, CALLS_PER_STATE)).containsOnly(200);
        assertThat(statuses).contains(429);
    }

    @Test
    void aBurstFromOneAddressBeyondTheLimitIsAnswered429WithRetryAfter() {
        String address = newAddress();
        String forged = flow.returnUrl("not-a-signed-state");
        for (int request = 0; request < REQUESTS_PER_ADDRESS; request++) {
            assertThat(open(forged, address).statusCode()).as("request %d", request).isEqualTo(400);
        }

        // The next one, or one of the next few should the bucket have refilled a token meanwhile.
        Response throttled = open(forged, address);
        for (int extra = 0; extra < 3 && throttled.statusCode() != 429; extra++) {
            throttled = open(forged, address);
        }

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, WINDOW.toSeconds() / REQUESTS_PER_ADDRESS + 1);
        assertThat(throttled.contentType()).startsWith("text/html");
        assertThat(throttled.body().asString()).contains("<h1>Too many requests</h1>");
        assertThat(throttled.header("Cache-Control")).isEqualTo("no-store");
        assertThat(throttled.header("Content-Security-Policy")).startsWith("default-src 'none'");
        // Another address is not throttled by this one.
        assertThat(open(forged, newAddress()).statusCode()).isEqualTo(400);
    }

    @Test
    void aSlowFivetranCostsTheOwnerTheShortTimeoutAndTheSetupIsConfirmedLater() {
        CardFlow.Card card = flow.issue();
        String location = flow.complete(card);
        String address = newAddress();
        FivetranSandboxResource.sandbox().delayNext("GET /v1/connections/" + card.connectionId(), Duration.ofSeconds(10), 1);

        long start = System.nanoTime();
        Response page = open(location, address);
        Duration waited = Duration.ofNanos(System.nanoTime() - start);

        assertThat(page.statusCode()).isEqualTo(202);
        assertThat(page.body().asString()).contains("<h1>Your setup is being confirmed</h1>");
        // The short timeout plus page rendering, far from the shared client's retry budget (4 attempts, backoffs).
        assertThat(waited).isLessThan(FIVETRAN_TIMEOUT.plusSeconds(3));
        assertThat(flow.outboxRows(card.requestId())).isZero();

        // Nothing was lost: the next look (here a reload; in production also connector-service's setup poll) confirms it.
        Response reload = open(location, address);
        assertThat(reload.statusCode()).isEqualTo(200);
        assertThat(reload.body().asString()).contains("<h1>Setup complete</h1>");
        assertThat(flow.outboxRows(card.requestId())).isEqualTo(1);
    }

    private static long fivetranReads(String connectionId) {
        return FivetranSandboxResource.sandbox().requestCount("GET /v1/connections/" + connectionId);
    }

    /** A client address of its own, as a trusted proxy would forward it. */
    private static String newAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "10.77." + (n / 250) + "." + (n % 250 + 1);
    }

    private static Response open(String url, String address) {
        return given().redirects().follow(false).urlEncodingEnabled(false)
                .header("X-Forwarded-For", address)
                .when().get(url);
    }
}
