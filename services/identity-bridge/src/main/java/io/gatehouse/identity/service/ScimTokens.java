package io.gatehouse.identity.service;

import io.gatehouse.errors.ConflictException;
import io.gatehouse.errors.NotFoundException;
import io.gatehouse.identity.config.IdentityConfig;
import io.gatehouse.identity.domain.Sha256;
import io.gatehouse.identity.persistence.ScimToken;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The identity providers' bearer tokens. A token is 256 random bits, shown once; only its SHA-256 is stored (a
 * random token needs no slow hash: there is nothing to guess from). At most {@code max-live-tokens} live at once, so a
 * provider is moved to a new token before the old one is revoked.
 */
@ApplicationScoped
public class ScimTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** last_used_at is written at most this often per token: a busy provider must not turn every read into a write. */
    private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);

    private final IdentityConfig config;

    ScimTokens(IdentityConfig config) {
        this.config = config;
    }

    /** A new token and its row; the token is in the returned value only. */
    public record Issued(ScimToken row, String token) {
    }

    @Transactional
    public Issued issue(String name, String caller) {
        // Serialises issuing across instances: the count below must not pass two concurrent issues.
        ScimToken.getEntityManager().createNativeQuery("select id from scim_token where revoked_at is null for update")
                .getResultList();
        List<ScimToken> live = ScimToken.live();
        if (live.size() >= config.scim().maxLiveTokens()) {
            throw new ConflictException(live.size() + " SCIM tokens are live, the most allowed at once: revoke one ("
                    + String.join(", ", live.stream().map(t -> t.id + " '" + t.name + "'").toList()) + ") first.");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "ghscim_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ScimToken row = new ScimToken();
        row.id = UUID.randomUUID().toString();
        row.name = name;
        row.tokenSha256 = Sha256.hex(token);
        row.createdBy = caller;
        row.createdAt = Instant.now();
        row.persist();
        return new Issued(row, token);
    }

    @Transactional
    public List<ScimToken> live() {
        return ScimToken.live();
    }

    @Transactional
    public void revoke(String id) {
        ScimToken token = ScimToken.<ScimToken>findByIdOptional(id)
                .filter(t -> t.revokedAt == null)
                .orElseThrow(() -> new NotFoundException("No live SCIM token " + id + "."));
        token.revokedAt = Instant.now();
    }

    /** True when the presented token is live; records its use. */
    @Transactional
    public boolean accepts(String presented) {
        return ScimToken.liveByHash(Sha256.hex(presented)).map(token -> {
            Instant now = Instant.now();
            if (token.lastUsedAt == null || token.lastUsedAt.isBefore(now.minus(USE_RESOLUTION))) {
                token.lastUsedAt = now;
            }
            return true;
        }).orElse(false);
    }

}
