package io.gatehouse.webhook.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatehouse.testing.fivetran.FivetranSandboxResource;
import io.gatehouse.testing.kafka.KafkaTestResource;
import io.gatehouse.webhook.service.OwnerLinkOpening.Outcome;
import io.gatehouse.webhook.service.OwnerLinkOpening.Result;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

/**
 * The owner link's answers, rendered without a browser: each outcome's status, title, refresh and headers, the
 * redirect, and the values a page shows coming out escaped.
 */
@QuarkusTest
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = FivetranSandboxResource.class, scope = TestResourceScope.GLOBAL)
class OwnerLinkPagesTest {

    private static final String TOKEN = "o1.6f1c0c1e-0000-4000-8000-000000000001.1900000000.mac";

    @Test
    void everyPageHasItsStatusTitleRefreshAndSecurityHeaders() {
        assertPage(Outcome.PREPARING, 200, "Your setup link is being prepared", "5");
        assertPage(Outcome.REISSUING, 200, "A fresh Connect Card is being prepared", "3");
        assertPage(Outcome.COMPLETE, 200, "Setup is already complete", null);
        assertPage(Outcome.FORBIDDEN, 403, "This link is not valid", null);
        assertPage(Outcome.EXPIRED, 410, "This link has expired", null);
    }

    @Test
    void reissuingPageIsExactlyThisMarkup() {
        assertThat(html(render(Outcome.REISSUING, null, TOKEN))).isEqualTo("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="3">
                <title>A fresh Connect Card is being prepared</title></head>
                <body>
                <h1>A fresh Connect Card is being prepared</h1>
                <p>The last setup link expired, so a fresh Connect Card is being prepared for you. \
                This page reloads by itself and then takes you to it.</p>
                <p><a href="?token=o1.6f1c0c1e-0000-4000-8000-000000000001.1900000000.mac" rel="noreferrer">Reload this page</a></p>
                </body></html>
                """);
    }

    @Test
    void hostileTokenIsEscapedInsideTheReloadLink() {
        String page = html(render(Outcome.PREPARING, null, "x\"><script>alert('x')</script>"));

        assertThat(page).contains("<a href=\"?token=x&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\" "
                + "rel=\"noreferrer\">Reload this page</a>").doesNotContain("<script");
    }

    @Test
    void usableCardIsASeeOtherToItNeverCached() {
        Response answer = render(Outcome.REDIRECT, "https://fivetran.example/connect-card/setup?auth=abc&x=1", TOKEN);

        assertThat(answer.getStatus()).isEqualTo(303);
        assertThat(answer.getLocation()).hasToString("https://fivetran.example/connect-card/setup?auth=abc&x=1");
        assertThat(answer.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(answer.getHeaderString("Referrer-Policy")).isEqualTo("no-referrer");
    }

    @Test
    void cardLinkThatIsNoHttpUrlIsNotFollowed() {
        for (String link : new String[] {"javascript:alert(1)", "//evil.example/x", "not a uri"}) {
            Response answer = render(Outcome.REDIRECT, link, TOKEN);
            assertThat(answer.getStatus()).as(link).isEqualTo(503);
            assertThat(answer.getLocation()).as(link).isNull();
            assertThat(html(answer)).as(link).contains("<h1>Please try again in a moment</h1>").doesNotContain("alert");
        }
    }

    private static void assertPage(Outcome outcome, int status, String title, String refresh) {
        Response page = render(outcome, null, TOKEN);
        assertThat(page.getStatus()).as(outcome.name()).isEqualTo(status);
        assertThat(page.getMediaType().toString()).isEqualTo("text/html;charset=utf-8");
        assertThat(html(page)).as(outcome.name()).startsWith("<!DOCTYPE html>\n")
                .contains("<title>" + title + "</title>").contains("<h1>" + title + "</h1>").endsWith("</body></html>\n")
                .doesNotContain("<script").doesNotContain("<link").doesNotContain("<img").doesNotContain("<style");
        if (refresh == null) {
            assertThat(html(page)).as(outcome.name()).doesNotContain("http-equiv").doesNotContain(TOKEN);
        } else {
            assertThat(html(page)).as(outcome.name()).contains("<meta http-equiv=\"refresh\" content=\"" + refresh + "\">");
        }
        assertThat(page.getHeaderString("Cache-Control")).isEqualTo("no-store");
        assertThat(page.getHeaderString("Content-Security-Policy")).isEqualTo(ReturnPages.CSP);
        assertThat(page.getHeaderString("X-Frame-Options")).isEqualTo("DENY");
        assertThat(page.getHeaderString("Referrer-Policy")).isEqualTo("no-referrer");
    }

    private static Response render(Outcome outcome, String cardUri, String token) {
        return OwnerLinkPages.render(new Result(outcome, cardUri), token);
    }

    private static String html(Response page) {
        return (String) page.getEntity();
    }
}
