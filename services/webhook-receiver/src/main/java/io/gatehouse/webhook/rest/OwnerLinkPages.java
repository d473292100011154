package io.gatehouse.webhook.rest;

import io.gatehouse.webhook.service.OwnerLinkOpening;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Locale;

/**
 * What the owner link answers: {@code 303 See Other} to a usable Connect Card, otherwise one Qute page per outcome
 * under {@code templates/OwnerLinkPages/}, framed, escaped and headed like the {@link ReturnPages}.
 */
final class OwnerLinkPages {

    private OwnerLinkPages() {
    }

    /** The templates, checked at build time; {@code token} is the verified owner-link token, for the reload link. */
    @CheckedTemplate
    static class Templates {

        static native TemplateInstance preparing(String token);

        static native TemplateInstance reissuing(String token);

        static native TemplateInstance complete();

        static native TemplateInstance forbidden();

        static native TemplateInstance expired();
    }

    static Response render(OwnerLinkOpening.Result result, String token) {
        return switch (result.outcome()) {
            case REDIRECT -> redirect(result.cardUri());
            case PREPARING -> ReturnPages.page(200, Templates.preparing(token));
            case REISSUING -> ReturnPages.page(200, Templates.reissuing(token));
            case COMPLETE -> ReturnPages.page(200, Templates.complete());
            case FORBIDDEN -> ReturnPages.page(403, Templates.forbidden());
            case EXPIRED -> ReturnPages.page(410, Templates.expired());
        };
    }

    /**
     * On to the card, never cached (the next open may need a fresh card) and without a Referer that would carry the
     * owner link's token to Fivetran. Only an absolute http(s) link is followed: the card link comes from an event.
     */
    private static Response redirect(String cardUri) {
        URI target;
        try {
            target = URI.create(cardUri);
        } catch (IllegalArgumentException e) {
            target = null;
        }
        String scheme = target == null || target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return ReturnPages.page(503, ReturnPages.Templates.unavailable());
        }
        return Response.seeOther(target)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }
}
