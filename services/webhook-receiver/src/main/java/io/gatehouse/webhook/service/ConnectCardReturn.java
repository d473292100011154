package io.gatehouse.webhook.service;

import io.gatehouse.connectcard.RedirectState;
import io.gatehouse.fivetran.client.error.FivetranException;
import io.gatehouse.fivetran.client.error.FivetranNotFoundException;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.webhook.persistence.ConnectCardBinding;
import io.gatehouse.webhook.persistence.SetupCompletions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The owner's browser coming back from a Connect Card: verify the state, find the request's connection, and ask
 * Fivetran whether the setup is really done. Only {@code setup_state == connected} confirms it; nothing the
 * browser brings besides the signed state is trusted. The page is open to anyone holding the link, so it asks
 * Fivetran once, briefly ({@link ReturnPageFivetran}), within rate limits ({@link ReturnPageLimits}), and answers a
 * confirmed or refused state from what it already knows.
 */
@ApplicationScoped
public class ConnectCardReturn {

    private final RedirectState states;
    private final ReturnPageFivetran fivetran;
    private final ReturnPageLimits limits;
    private final SetupCompletions completions;
    private final SetupConfirmation confirmation;
    private final MeterRegistry registry;

    ConnectCardReturn(RedirectState states, ReturnPageFivetran fivetran, ReturnPageLimits limits,
                      SetupCompletions completions, SetupConfirmation confirmation, MeterRegistry registry) {
        this.states = states;
        this.fivetran = fivetran;
        this.limits = limits;
        this.completions = completions;
        this.confirmation = confirmation;
        this.registry = registry;
    }

    /** What the owner is told. */
    public enum Outcome {
        /** Fivetran says connected; SetupCompleted is (or already was) published. */
        DONE,
        /** The card was not completed (or the source broke): the owner can continue it. */
        NOT_FINISHED,
        /** The state is fine but the card's ConnectCardIssued has not reached this service yet. */
        PENDING,
        /**
         * Fivetran did not answer in time (or failed): nothing is lost, connector-service's setup poll confirms a
         * connected setup by itself.
         */
        UNAVAILABLE,
        /** Fivetran no longer knows the connection (replaced or deleted). */
        GONE,
        /** Forged, tampered, malformed or expired state: nothing is looked up. */
        INVALID,
        /** Too many requests from this address, or too many Fivetran calls for this state: try after {@code retryAfter}. */
        THROTTLED
    }

    /**
     * The outcome, where the owner can continue the setup when there is such a place, why a state was refused, and
     * when a throttled browser may come back.
     */
    public record Result(Outcome outcome, String continueUri, RedirectState.Reason refusal, Duration retryAfter) {

        public Result(Outcome outcome, String continueUri, RedirectState.Reason refusal) {
            this(outcome, continueUri, refusal, null);
        }

        static Result throttled(Duration retryAfter) {
            return new Result(Outcome.THROTTLED, null, null, retryAfter);
        }
    }

    /** The page for {@code state}, visited from {@code clientAddress} (the limits' key; null if unknown). */
    public Result handle(String state, String clientAddress) {
        Optional<Duration> addressWait = limits.request(clientAddress);
        if (addressWait.isPresent()) {
            count("throttled_address");
            return Result.throttled(addressWait.get());
        }
        RedirectState.Verdict verdict = states.verify(state);
        if (!verdict.valid()) {
            count(verdict.refusal().name().toLowerCase());
            return new Result(Outcome.INVALID, null, verdict.refusal());
        }
        String requestId = verdict.requestId();
        if (QuarkusTransaction.requiringNew().call(() -> completions.completed(requestId))) {
            return counted(new Result(Outcome.DONE, null, null));
        }
        Binding binding = QuarkusTransaction.requiringNew().call(() -> Binding.of(ConnectCardBinding.findById(requestId)));
        if (binding == null) {
            return counted(new Result(Outcome.PENDING, null, null));
        }
        if (limits.knownGone(requestId, binding.connectionId())) {
            return counted(new Result(Outcome.GONE, null, null));
        }
        Optional<Duration> stateWait = limits.fivetranCall(requestId);
        if (stateWait.isPresent()) {
            count("throttled_state");
            return Result.throttled(stateWait.get());
        }
        Connection connection;
        try {
            connection = fivetran.connection(binding.connectionId());
        } catch (FivetranNotFoundException e) {
            Log.warnf("request %s: Fivetran does not know connection %s", requestId, binding.connectionId());
            limits.gone(requestId, binding.connectionId());
            return counted(new Result(Outcome.GONE, null, null));
        } catch (FivetranException e) {
            Log.warnf("request %s: cannot read connection %s from Fivetran (%s); the setup poll confirms it later",
                    requestId, binding.connectionId(), e.getMessage());
            return counted(new Result(Outcome.UNAVAILABLE, null, null));
        }
        if (!connection.connected()) {
            return counted(new Result(Outcome.NOT_FINISHED, binding.usableCardUri(), null));
        }
        if (confirmation.confirm(requestId, binding.connectionId())) {
            Log.infof("request %s: setup of connection %s confirmed, SetupCompleted published", requestId, binding.connectionId());
        }
        return counted(new Result(Outcome.DONE, null, null));
    }

    private Result counted(Result result) {
        count(result.outcome().name().toLowerCase());
        return result;
    }

    private void count(String outcome) {
        registry.counter("gatehouse.connectcard.returns", "outcome", outcome).increment();
    }

    /** A detached copy of the binding row. */
    private record Binding(String connectionId, String cardUri, boolean cardUsable) {

        static Binding of(ConnectCardBinding row) {
            return row == null ? null : new Binding(row.connectionId, row.connectCardUri, row.cardUsableAt(Instant.now()));
        }

        String usableCardUri() {
            return cardUsable ? cardUri : null;
        }
    }
}
