package io.gatehouse.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.connectcard.RedirectState;
import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP + real broker + sandbox: every request here has an expired card, so any token that got through would ask for a
 * fresh one. Forged, tampered, malformed and redirect-state tokens get 403, expired ones 410; none publishes anything,
 * and the genuine owner link still works afterwards.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class OwnerLinkTokenTest extends CardFlowBase {

    private static final String FORBIDDEN_PAGE = "<h1>This link is not valid</h1>";

    @Inject
    MeterRegistry registry;

    String requestId;

    @BeforeEach
    void requestWithAnExpiredCard() {
        requestId = UUID.randomUUID().toString();
        flow.issueFor(requestId, Instant.now().minus(Duration.ofMinutes(1)));
    }

    @Test
    void tokenSignedWithAnotherKeyIs403() {
        double forbidden = opens("forbidden");
        String token = new RedirectState("someone-elses-key-someone-elses-key!!").signOwnerLink(requestId, Duration.ofDays(1));

        assertRefused(flow.openUrl(token), 403, FORBIDDEN_PAGE);

        assertThat(opens("forbidden")).isEqualTo(forbidden + 1);
        assertGenuineLinkStillWorks();
    }

    @Test
    void tamperedTokenIs403() {
        String other = CardFlow.STATES.signOwnerLink("11111111-2222-3333-4444-555555555555", Duration.ofDays(1));
        String extended = CardFlow.expiryPushedAYear(CardFlow.STATES.signOwnerLink(requestId, Duration.ofDays(1)));

        assertRefused(flow.openUrl(other.replace("11111111-2222-3333-4444-555555555555", requestId)), 403, FORBIDDEN_PAGE);
        assertRefused(flow.openUrl(extended), 403, FORBIDDEN_PAGE);

        assertGenuineLinkStillWorks();
    }

    @Test
    void redirectStateIsNoOwnerLinkAndNoOwnerLinkARedirectState() {
        String redirectState = CardFlow.STATES.sign(requestId, Duration.ofHours(1));

        assertRefused(flow.openUrl(redirectState), 403, FORBIDDEN_PAGE);
        Response returnPage = CardFlow.open(flow.returnUrl(CardFlow.STATES.signOwnerLink(requestId, Duration.ofDays(1))));
        assertThat(returnPage.statusCode()).isEqualTo(400);

        assertGenuineLinkStillWorks();
    }

    @Test
    void expiredTokenIs410() {
        double expired = opens("expired");
        Clock twoDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
        String token = new RedirectState(CardFlow.STATE_KEY, twoDaysAgo).signOwnerLink(requestId, Duration.ofDays(1));

        assertRefused(flow.openUrl(token), 410, "<h1>This link has expired</h1>");

        assertThat(opens("expired")).isEqualTo(expired + 1);
        assertGenuineLinkStillWorks();
    }

    @Test
    void missingOrMalformedTokenIs403AndNotEchoed() {
        assertRefused(flow.openUrl("").replace("?token=", ""), 403, FORBIDDEN_PAGE);
        assertRefused(flow.openUrl(""), 403, FORBIDDEN_PAGE);
        assertRefused(flow.openUrl(requestId), 403, FORBIDDEN_PAGE);
        assertRefused(flow.openUrl("o1.%3Cscript%3Ealert(1)%3C%2Fscript%3E.1.x"), 403, FORBIDDEN_PAGE);

        assertGenuineLinkStillWorks();
    }

    private void assertRefused(String url, int status, String title) {
        Response page = CardFlow.open(url);
        assertThat(page.statusCode()).isEqualTo(status);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Location")).isNull();
        assertThat(page.body().asString()).contains(title).doesNotContain("<script").doesNotContain("alert")
                .doesNotContain(requestId).doesNotContain("refresh");
        assertThat(flow.outboxRows(requestId)).isZero();
    }

    private void assertGenuineLinkStillWorks() {
        assertThat(CardFlow.open(flow.ownerLink(requestId)).body().asString())
                .contains("<h1>A fresh Connect Card is being prepared</h1>");
        assertThat(flow.outboxRows(requestId)).isEqualTo(1);
    }

    private double opens(String outcome) {
        return registry.find("gatehouse.connectcard.opens").tag("outcome", outcome).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
