package io.gatehouse.webhook.rest;

import io.gatehouse.webhook.service.ConnectCardReturn;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * The small pages a data source owner sees after a Connect Card, one Qute template per outcome under
 * {@code templates/ReturnPages/}: no scripts, no styles, no external assets, every dynamic value HTML-escaped by
 * Qute, and headers that keep them out of caches, frames and Referer headers (the URL carries the state).
 */
final class ReturnPages {

    static final String CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ReturnPages() {
    }

    /** The templates, checked at build time; each lays itself out with {@code ReturnPages/page.html}. */
    @CheckedTemplate
    static class Templates {

        static native TemplateInstance done();

        /** {@code continueUri} null: the card link expired, the owner is told to ask for a new one. */
        static native TemplateInstance notFinished(String continueUri);

        static native TemplateInstance pending();

        static native TemplateInstance unavailable();

        /** Fivetran did not confirm in time: the setup poll picks it up, the owner need not stay. */
        static native TemplateInstance confirming();

        static native TemplateInstance throttled();

        static native TemplateInstance gone();

        static native TemplateInstance invalid();
    }

    static Response render(ConnectCardReturn.Result result) {
        return switch (result.outcome()) {
            case DONE -> page(200, Templates.done());
            case NOT_FINISHED -> page(200, Templates.notFinished(result.continueUri()));
            case PENDING -> page(200, Templates.pending());
            case UNAVAILABLE -> page(202, Templates.confirming());
            case GONE -> page(410, Templates.gone());
            case INVALID -> page(400, Templates.invalid());
            case THROTTLED -> throttled(result.retryAfter());
        };
    }

    /** 429 with Retry-After in whole seconds, rounded up (at least one). */
    static Response throttled(Duration retryAfter) {
        long seconds = retryAfter == null ? 60 : Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        Response page = page(429, Templates.throttled());
        page.getHeaders().putSingle("Retry-After", Long.toString(seconds));
        return page;
    }

    /** A page with the headers every owner-facing page carries. */
    static Response page(int status, TemplateInstance template) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(template.render())
                .header("Cache-Control", "no-store")
                .header("Content-Security-Policy", CSP)
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "no-referrer");
        if (status == 503) {
            response.header("Retry-After", "10");
        }
        return response.build();
    }
}
