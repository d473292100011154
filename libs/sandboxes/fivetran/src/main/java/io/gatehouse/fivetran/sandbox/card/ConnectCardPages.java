package io.gatehouse.fivetran.sandbox.card;

import io.gatehouse.fivetran.sandbox.connection.Connection;
import io.gatehouse.fivetran.sandbox.connection.ConnectionStore;
import io.gatehouse.fivetran.sandbox.connection.SetupTester;
import io.gatehouse.fivetran.sandbox.http.ApiExchange;
import io.gatehouse.fivetran.sandbox.http.Router;
import io.gatehouse.fivetran.sandbox.sync.SyncSimulator;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The end user's side of a Connect Card: {@code GET /connect-card/setup?auth=<token>} shows a credentials form;
 * posting it ("Save &amp; Test") runs the setup test. On success the browser is sent to the redirect URI exactly as
 * the API caller gave it (Fivetran documents no parameters it would add); on failure the form comes back with the
 * test's message and no redirect happens.
 */
public final class ConnectCardPages {
    public static final String PATH = "/connect-card/setup";

    private final ConnectionStore store;
    private final ConnectCardIssuer cards;
    private final SetupTester setupTester;
    private final SyncSimulator sync;

    public ConnectCardPages(ConnectionStore store, ConnectCardIssuer cards, SetupTester setupTester, SyncSimulator sync) {
        this.store = store;
        this.cards = cards;
        this.setupTester = setupTester;
        this.sync = sync;
    }

    public void routes(Router router) {
        router.on("GET", PATH, this::show);
        router.on("POST", PATH, this::saveAndTest);
    }

    private void show(ApiExchange ex, Matcher m) throws IOException {
        String token = ex.query().get("auth");
        Optional<Connection> holder = cards.holderOf(token);
        if (holder.isEmpty()) {
            ex.respondHtml(401, expiredPage());
            return;
        }
        synchronized (store) {
            ex.respondHtml(200, form(holder.get(), token, null));
        }
    }

    private void saveAndTest(ApiExchange ex, Matcher m) throws IOException {
        Map<String, String> form = ex.form();
        String token = form.get("auth");
        Optional<Connection> holder = cards.holderOf(token);
        if (holder.isEmpty()) {
            ex.respondHtml(401, expiredPage());
            return;
        }
        synchronized (store) {
            Connection c = holder.get();
            if (form.get("host") != null) c.config.put("host", form.get("host"));
            if (form.get("user") != null) c.config.put("user", form.get("user"));
            if (setupTester.run(c, form.get("password"))) {
                sync.startIfDue(c);
                ex.redirect(c.redirectUri);
            } else {
                ex.respondHtml(200, form(c, token, "Setup test failed: Invalid login credentials"));
            }
        }
    }

    private static String form(Connection c, String token, String error) {
        String alert = error == null ? "" : "<p class=\"error\" role=\"alert\">" + escape(error) + "</p>\n";
        String guide = c.hideSetupGuide ? "" : "<aside class=\"guide\">Setup guide for " + escape(c.service) + "</aside>\n";
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Fivetran Connect Card</title></head><body>\n"
                + "<h1>Connect " + escape(c.service) + "</h1>\n"
                + "<p>Destination schema: <code>" + escape(c.schema) + "</code></p>\n"
                + alert + guide
                + "<form method=\"post\" action=\"" + PATH + "\">\n"
                + "<input type=\"hidden\" name=\"auth\" value=\"" + escape(token) + "\">\n"
                + "<label>Host <input name=\"host\" value=\"" + escape(c.config.path("host").asText("")) + "\"></label>\n"
                + "<label>User <input name=\"user\" value=\"" + escape(c.config.path("user").asText("")) + "\"></label>\n"
                + "<label>Password <input type=\"password\" name=\"password\"></label>\n"
                + "<button type=\"submit\">Save &amp; Test</button>\n"
                + "</form>\n</body></html>\n";
    }

    private static String expiredPage() {
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Fivetran Connect Card</title></head><body>\n"
                + "<p class=\"error\" role=\"alert\">This Connect Card link is invalid or has expired. "
                + "Ask for a new link.</p>\n</body></html>\n";
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
