package io.gatehouse.webhook.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.gatehouse.webhook.service.ConnectCardReturn.Outcome;
import io.gatehouse.webhook.service.ConnectCardReturn.Result;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The Qute return pages, rendered without a browser: each outcome's status, title and headers, the exact markup
 * the owner gets, and hostile values coming out escaped.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class ReturnPagesTest {

    private static final String HOSTILE_URI = "https://card.example/setup?a=1&b=\"><script>alert('x')</script>";

    @Test
    void everyOutcomeHasItsStatusTitleAndSecurityHeaders() {
        assertPage(Outcome.DONE, 200, "Setup complete");
        assertPage(Outcome.NOT_FINISHED, 200, "Setup is not finished");
        assertPage(Outcome.PENDING, 200, "Setup is not finished yet");
        assertPage(Outcome.UNAVAILABLE, 202, "Your setup is being confirmed");
        assertPage(Outcome.GONE, 410, "This link is no longer valid");
        assertPage(Outcome.INVALID, 400, "This link is invalid or expired");
        assertPage(Outcome.THROTTLED, 429, "Too many requests");
    }

    @Test
    void onlyThePendingPageReloadsItselfAndOnlyThrottledSaysWhenToRetry() {
        for (Outcome outcome : Outcome.values()) {
            Response page = render(outcome, null);
            assertThat(html(page).contains("<meta http-equiv=\"refresh\" content=\"5\">"))
                    .as(outcome.name()).isEqualTo(outcome == Outcome.PENDING);
            assertThat(page.getHeaderString("Retry-After")).as(outcome.name())
                    .isEqualTo(outcome == Outcome.THROTTLED ? "60" : null);
        }
    }

    @Test
    void throttledPageSaysWhenInWholeSecondsRoundedUp() {
        Response page = ReturnPages.render(new Result(Outcome.THROTTLED, null, null, Duration.ofMillis(12_001)));
        assertThat(page.getStatus()).isEqualTo(429);
        assertThat(page.getHeaderString("Retry-After")).isEqualTo("13");
        assertThat(ReturnPages.render(new Result(Outcome.THROTTLED, null, null, Duration.ofMillis(5)))
                .getHeaderString("Retry-After")).isEqualTo("1");
    }

    @Test
    void pendingPageIsExactlyThisMarkup() {
        assertThat(html(render(Outcome.PENDING, null))).isEqualTo("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="5">
                <title>Setup is not finished yet</title></head>
                <body>
                <h1>Setup is not finished yet</h1>
                <p>We are still recording your setup. This page reloads by itself in a few seconds; \
                if it does not, reload it in a moment.</p>
                </body></html>
                """);
    }

    @Test
    void hostileContinueUriIsEscapedInsideTheLink() {
        assertThat(html(render(Outcome.NOT_FINISHED, HOSTILE_URI))).isEqualTo("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Setup is not finished</title></head>
                <body>
                <h1>Setup is not finished</h1>
                <p>The connection to your data source is not set up yet: Fivetran has not confirmed that it can reach it.</p>
                <p><a href="https://card.example/setup?a=1&amp;b=&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" \
                rel="noreferrer">Continue the setup</a></p>
                </body></html>
                """).doesNotContain("<script");
    }

    @Test
    void expiredCardLinkAsksForANewOneInsteadOfLinking() {
        assertThat(html(render(Outcome.NOT_FINISHED, null)))
                .contains("<p>Your setup link has expired. Please ask the person who sent it to you for a new one.</p>")
                .doesNotContain("<a ");
    }

    private static void assertPage(Outcome outcome, int status, String title) {
        Response page = render(outcome, "https://card.example/setup");
        assertThat(page.getStatus()).as(outcome.name()).isEqualTo(status);
        assertThat(page.getMediaType().toString()).isEqualTo("text/html;charset=utf-8");
        assertThat(html(page)).as(outcome.name()).startsWith("<!DOCTYPE html>\n")
                .contains("<title>" + title + "</title>").contains("<h1>" + title + "</h1>").endsWith("</body></html>\n")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("<img").doesNotContain("<style");
        assertThat(page.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(page.getHeaderString("Content-Security-Policy"))
                .isEqualTo("default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
        assertThat(page.getHeaderString("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.getHeaderString("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeaderString("Referrer-Policy")).isEqualTo("no-referrer");
    }

    private static Response render(Outcome outcome, String continueUri) {
        return ReturnPages.render(new Result(outcome, continueUri, null));
    }

    private static String html(Response page) {
        return (String) page.getEntity();
    }
}
