package io.gatehouse.snowflake.sandbox.wire;

import io.gatehouse.snowflake.sandbox.engine.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Open sessions and their tokens, as Snowflake hands them out: a login returns a session token (valid about an hour)
 * and a master token (about four hours). A query with an expired or unknown session token is refused with 390112;
 * the driver then renews with the master token; a renewal with an expired or unknown master token is refused with
 * 390114 and the driver gives up, so the application must log in again. Lives outside the HTTP server so that a
 * stopped and restarted sandbox object keeps them; {@link #forgetAll()} is what a restarted process looks like.
 */
public final class SessionRegistry {

    /** A token and what it opens, until when. */
    private record Token(Session session, Instant expiresAt) {
        boolean validAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final Map<String, Token> sessionTokens = new ConcurrentHashMap<>();
    private final Map<String, Token> masterTokens = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1_000_000);
    private final Clock clock;
    private final Duration sessionValidity;
    private final Duration masterValidity;

    public SessionRegistry(Duration sessionValidity, Duration masterValidity, Clock clock) {
        this.sessionValidity = sessionValidity;
        this.masterValidity = masterValidity;
        this.clock = clock;
    }

    public String newToken() {
        return "ST-" + UUID.randomUUID();
    }

    public long newId() {
        return ids.incrementAndGet();
    }

    public Duration sessionValidity() {
        return sessionValidity;
    }

    public Duration masterValidity() {
        return masterValidity;
    }

    /** Registers a logged-in session under its session token; returns its new master token. */
    public String add(Session session) {
        Instant now = clock.instant();
        sessionTokens.put(session.token(), new Token(session, now.plus(sessionValidity)));
        String master = "MT-" + UUID.randomUUID();
        masterTokens.put(master, new Token(session, now.plus(masterValidity)));
        return master;
    }

    /** The session a valid session token opens; empty when the token is unknown or expired (390112). */
    public Session find(String token) {
        Token found = token == null ? null : sessionTokens.get(token);
        return found != null && found.validAt(clock.instant()) ? found.session() : null;
    }

    /** A new session token for a valid master token; empty when the master token is unknown or expired (390114). */
    public Optional<String> renew(String masterToken, String oldSessionToken) {
        Token master = masterToken == null ? null : masterTokens.get(masterToken);
        Instant now = clock.instant();
        if (master == null || !master.validAt(now)) {
            return Optional.empty();
        }
        if (oldSessionToken != null) {
            sessionTokens.remove(oldSessionToken);
        }
        String renewed = newToken();
        sessionTokens.put(renewed, new Token(master.session(), now.plus(sessionValidity)));
        return Optional.of(renewed);
    }

    /** Closes the session a token belongs to: all of its tokens stop working. */
    public void remove(String token) {
        Token found = token == null ? null : sessionTokens.get(token);
        if (found != null) {
            sessionTokens.values().removeIf(t -> t.session() == found.session());
            masterTokens.values().removeIf(t -> t.session() == found.session());
        }
    }

    /** Every session token expires now (an idle session in a real account); master tokens still renew them. */
    public void expireSessionTokens() {
        Instant past = clock.instant().minusSeconds(1);
        sessionTokens.replaceAll((k, t) -> new Token(t.session(), past));
    }

    /** Forgets every session and token, as a restarted Snowflake process would: old connections must log in again. */
    public void forgetAll() {
        sessionTokens.clear();
        masterTokens.clear();
    }

    /** Sessions that can still be used or renewed. */
    public Collection<Session> all() {
        Instant now = clock.instant();
        return masterTokens.values().stream().filter(t -> t.validAt(now)).map(Token::session).distinct().toList();
    }

    public int size() {
        return all().size();
    }
}
