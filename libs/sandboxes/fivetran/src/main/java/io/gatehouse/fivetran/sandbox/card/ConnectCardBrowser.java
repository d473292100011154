package io.gatehouse.fivetran.sandbox.card;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the end user's browser on a Connect Card over real HTTP: GET the card, read the form, POST it with a
 * credential, and report where the browser would be sent. Redirects are not followed, so the caller sees them.
 */
public final class ConnectCardBrowser {
    private static final Pattern ACTION = Pattern.compile("<form[^>]*action=\"([^\"]+)\"");
    private static final Pattern AUTH = Pattern.compile("name=\"auth\" value=\"([^\"]+)\"");
    private static final Pattern ERROR = Pattern.compile("role=\"alert\">([^<]*)<");

    /** What the browser saw after "Save & Test": a redirect (location set) or a page (with its error message). */
    public record Outcome(int status, String location, String page) {
        public boolean redirected() { return status >= 300 && status < 400 && location != null; }

        public String errorMessage() {
            Matcher m = ERROR.matcher(page == null ? "" : page);
            return m.find() ? m.group(1) : null;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Outcome complete(String cardUri, String credential) {
        try {
            URI card = URI.create(cardUri);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(card).GET().build(), HttpResponse.BodyHandlers.ofString());
            Matcher action = ACTION.matcher(page.body());
            Matcher auth = AUTH.matcher(page.body());
            if (page.statusCode() != 200 || !action.find() || !auth.find()) {
                return new Outcome(page.statusCode(), null, page.body());
            }
            String form = "auth=" + enc(unescape(auth.group(1))) + "&user=end_user&password=" + enc(credential);
            HttpRequest post = HttpRequest.newBuilder(card.resolve(unescape(action.group(1))))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            HttpResponse<String> result = http.send(post, HttpResponse.BodyHandlers.ofString());
            return new Outcome(result.statusCode(), result.headers().firstValue("Location").orElse(null), result.body());
        } catch (IOException e) {
            throw new IllegalStateException("Connect Card could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while completing a Connect Card", e);
        }
    }

    private static String enc(String value) { return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8); }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
