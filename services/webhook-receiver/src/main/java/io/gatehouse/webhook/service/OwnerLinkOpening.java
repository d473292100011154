package io.gatehouse.webhook.service;

import io.gatehouse.connectcard.RedirectState;
import io.gatehouse.events.ConnectCardRequested;
import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.webhook.config.ConnectCardConfig;
import io.gatehouse.webhook.domain.CardHandout;
import io.gatehouse.webhook.persistence.ConnectCardBinding;
import io.gatehouse.webhook.persistence.SetupCompletions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Locale;

/**
 * The owner link ({@code /connect-card/open?token=}), which outlives Fivetran's one-day Connect Card: verify the
 * token, then send the browser on to the request's current card, or, when that card is expired or about to be, ask
 * the connector-service for a fresh one (ConnectCardRequested through the outbox) and let the page wait for it.
 */
@ApplicationScoped
public class OwnerLinkOpening {

    private final RedirectState tokens;
    private final SetupCompletions completions;
    private final Outbox outbox;
    private final CardHandout handout;
    private final MeterRegistry registry;

    OwnerLinkOpening(RedirectState tokens, SetupCompletions completions, Outbox outbox, ConnectCardConfig config,
                     MeterRegistry registry) {
        this.tokens = tokens;
        this.completions = completions;
        this.outbox = outbox;
        this.handout = new CardHandout(config.open().margin(), config.open().reissueInterval());
        this.registry = registry;
    }

    /** What the owner's browser gets; also the {@code outcome} tag of {@code gatehouse.connectcard.opens}. */
    public enum Outcome {
        /** The bound card is usable for long enough: the browser goes on to it. */
        REDIRECT,
        /** The request has no card yet (its ConnectCardIssued has not reached this service). */
        PREPARING,
        /** The card is expired or about to be; a fresh one is asked for (or was, moments ago). */
        REISSUING,
        /** The request's setup was already confirmed. */
        COMPLETE,
        /** Forged, tampered or malformed token (a redirect state is one too): nothing is looked up. */
        FORBIDDEN,
        /** A genuine token past its expiry. */
        EXPIRED
    }

    /** The outcome, and the card to go on to for {@link Outcome#REDIRECT}. */
    public record Result(Outcome outcome, String cardUri) {

        static Result of(Outcome outcome) {
            return new Result(outcome, null);
        }
    }

    public Result open(String token) {
        RedirectState.Verdict verdict = tokens.verifyOwnerLink(token);
        if (!verdict.valid()) {
            return counted(Result.of(verdict.refusal() == RedirectState.Reason.EXPIRED ? Outcome.EXPIRED : Outcome.FORBIDDEN));
        }
        return counted(QuarkusTransaction.requiringNew().call(() -> decide(verdict.requestId())));
    }

    /** One transaction: the binding row is locked, so concurrent opens of an expired card ask for one fresh card. */
    private Result decide(String requestId) {
        if (completions.completed(requestId)) {
            return Result.of(Outcome.COMPLETE);
        }
        ConnectCardBinding binding = ConnectCardBinding.findById(requestId, LockModeType.PESSIMISTIC_WRITE);
        if (binding == null) {
            return Result.of(Outcome.PREPARING);
        }
        Instant now = Instant.now();
        if (handout.usable(binding.expiresAt, now)) {
            return new Result(Outcome.REDIRECT, binding.connectCardUri);
        }
        if (handout.reissueDue(binding.issuedAt, binding.reissueRequestedAt, now)) {
            outbox.publish(new ConnectCardRequested(requestId));
            binding.reissueRequestedAt = now;
            Log.infof("request %s: Connect Card of connection %s expires %s, a fresh one is asked for",
                    requestId, binding.connectionId, binding.expiresAt);
        }
        return Result.of(Outcome.REISSUING);
    }

    private Result counted(Result result) {
        registry.counter("gatehouse.connectcard.opens", "outcome", result.outcome().name().toLowerCase(Locale.ROOT)).increment();
        return result;
    }
}
