package io.gatehouse.webhook.service;

import io.gatehouse.connectcard.RedirectState;
import io.gatehouse.fivetran.client.FivetranClient;
import io.gatehouse.fivetran.client.error.FivetranException;
import io.gatehouse.fivetran.client.error.FivetranNotFoundException;
import io.gatehouse.fivetran.client.model.Connection;
import io.gatehouse.webhook.persistence.ConnectCardBinding;
import io.gatehouse.webhook.persistence.SetupCompletions;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * The owner's browser coming back from a Connect Card: verify the state, find the request's connection, and ask
 * Fivetran whether the setup is really done. Only {@code setup_state == connected} confirms it; nothing the
 * browser brings besides the signed state is trusted.
 */
@ApplicationScoped
public class ConnectCardReturn {

    private final RedirectState states;
    private final FivetranClient fivetran;
    private final SetupCompletions completions;
    private final SetupConfirmation confirmation;
    private final MeterRegistry registry;

    ConnectCardReturn(RedirectState states, FivetranClient fivetran, SetupCompletions completions,
                      SetupConfirmation confirmation, MeterRegistry registry) {
        this.states = states;
        this.fivetran = fivetran;
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
        /** Fivetran could not be asked just now. */
        UNAVAILABLE,
        /** Fivetran no longer knows the connection (replaced or deleted). */
        GONE,
        /** Forged, tampered, malformed or expired state: nothing is looked up. */
        INVALID
    }

    /** The outcome, and where the owner can continue the setup when there is such a place. */
    public record Result(Outcome outcome, String continueUri, RedirectState.Reason refusal) {
    }

    public Result handle(String state) {
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
        Connection connection;
        try {
            connection = fivetran.connection(binding.connectionId());
        } catch (FivetranNotFoundException e) {
            Log.warnf("request %s: Fivetran does not know connection %s", requestId, binding.connectionId());
            return counted(new Result(Outcome.GONE, null, null));
        } catch (FivetranException e) {
            Log.warnf("request %s: cannot read connection %s from Fivetran: %s", requestId, binding.connectionId(), e.getMessage());
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
