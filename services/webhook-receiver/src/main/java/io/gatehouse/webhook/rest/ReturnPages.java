package io.gatehouse.webhook.rest;

import io.gatehouse.webhook.app.ConnectCardReturn;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The small pages a data source owner sees after a Connect Card: no scripts, no styles, no external assets, every
 * dynamic value escaped, and headers that keep them out of caches, frames and Referer headers (the URL carries
 * the state).
 */
final class ReturnPages {

    static final String CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ReturnPages() {
    }

    static Response render(ConnectCardReturn.Result result) {
        return switch (result.outcome()) {
            case DONE -> page(200, "Setup complete",
                    "<p>Your data source is connected. Gatehouse takes it from here; you can close this page.</p>", false);
            case NOT_FINISHED -> page(200, "Setup is not finished", notFinished(result.continueUri()), false);
            case PENDING -> page(200, "Setup is not finished yet",
                    "<p>We are still recording your setup. This page reloads by itself in a few seconds; "
                            + "if it does not, reload it in a moment.</p>", true);
            case UNAVAILABLE -> page(503, "Please try again in a moment",
                    "<p>We could not check your setup with Fivetran just now. Reload this page in a moment.</p>", false);
            case GONE -> page(410, "This link is no longer valid",
                    "<p>This setup was replaced or removed. Please ask the person who sent you the link for a new one.</p>", false);
            case INVALID -> page(400, "This link is invalid or expired",
                    "<p>This link is invalid or expired. Please ask the person who sent it to you for a new link.</p>", false);
        };
    }

    private static String notFinished(String continueUri) {
        String next = continueUri == null
                ? "<p>Your setup link has expired. Please ask the person who sent it to you for a new one.</p>"
                : "<p><a href=\"" + escape(continueUri) + "\" rel=\"noreferrer\">Continue the setup</a></p>";
        return "<p>The connection to your data source is not set up yet: Fivetran has not confirmed that it can reach it.</p>\n"
                + next;
    }

    private static Response page(int status, String title, String body, boolean refresh) {
        String html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + (refresh ? "<meta http-equiv=\"refresh\" content=\"5\">\n" : "")
                + "<title>" + escape(title) + "</title></head>\n<body>\n<h1>" + escape(title) + "</h1>\n"
                + body + "\n</body></html>\n";
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .entity(html)
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

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
