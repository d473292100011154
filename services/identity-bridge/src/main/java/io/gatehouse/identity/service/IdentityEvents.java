package io.gatehouse.identity.service;

import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.identity.persistence.IdentityBatch;
import io.gatehouse.identity.rest.IdentityEventBatch;
import io.gatehouse.messaging.outbox.Outbox;
import io.gatehouse.naming.InvalidNameException;
import io.gatehouse.naming.RoleNames;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * HR batches: each change checked against the grant-service's naming rule, then published in batch order through the
 * outbox, with the batch recorded under (caller, batch id) in the same transaction. A batch is taken whole or not at
 * all. Unlike SCIM, HR states changes, not membership: a repeated join is published again (the grant-service applies it
 * once).
 */
@Startup // registers the membership counters at start (below)
@ApplicationScoped
public class IdentityEvents {

    private final Outbox outbox;
    private final PersonClocks clocks;
    private final RoleNames names;
    private final MeterRegistry metrics;

    IdentityEvents(Outbox outbox, PersonClocks clocks, RoleNames names, MeterRegistry metrics) {
        this.outbox = outbox;
        this.clocks = clocks;
        this.names = names;
        this.metrics = metrics;
        // Every feed's counter exists at zero from the start, also after a restart: the "identity feed gone quiet" alert
        // (deploy/prometheus/alerts.yml) compares the last day with the week before, and a feed that stays silent after
        // a restart would otherwise have no series at all, so nothing to compare.
        for (String source : List.of("hr", "scim")) {
            for (String change : List.of("joined", "left")) {
                metrics.counter("gatehouse.identity.membership.changes", "source", source, "change", change);
            }
        }
    }

    /** The names are checked before anything is written: 400 naming each refused field. */
    public void check(IdentityEventBatch batch) {
        List<InvalidInputException.Violation> violations = new ArrayList<>();
        for (int i = 0; i < batch.events().size(); i++) {
            IdentityEventBatch.Change change = batch.events().get(i);
            try {
                names.user(change.login());
                RoleNames.login(change.login());
            } catch (InvalidNameException e) {
                violations.add(new InvalidInputException.Violation("events[" + i + "].login", e.getMessage()));
            }
            try {
                names.business(change.business());
            } catch (InvalidNameException e) {
                violations.add(new InvalidInputException.Violation("events[" + i + "].business", e.getMessage()));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException("The batch holds " + violations.size()
                    + " name(s) Gatehouse cannot represent in Snowflake; nothing was published.", violations);
        }
    }

    @Transactional
    public Optional<IdentityBatch> taken(String caller, String batchId) {
        return IdentityBatch.of(caller, batchId);
    }

    /** Publishes the batch and records it; flushes so a batch id taken concurrently fails here. */
    @Transactional
    public IdentityBatch publish(IdentityEventBatch batch, String caller, String fingerprint) {
        IdentityBatch row = new IdentityBatch();
        row.key = new IdentityBatch.Key(caller, batch.batchId());
        row.fingerprint = fingerprint;
        row.events = batch.events().size();
        row.acceptedAt = Instant.now();
        row.persistAndFlush();
        clocks.lock(batch.events().stream().map(c -> RoleNames.login(c.login())).collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
        for (IdentityEventBatch.Change change : batch.events()) {
            String login = RoleNames.login(change.login());
            Instant at = clocks.next(login);
            if (change.change().equals("joined")) {
                outbox.publish(new UserJoinedBusiness(change.userId(), login, change.business()), at);
            } else {
                outbox.publish(new UserLeftBusiness(change.userId(), login, change.business()), at);
            }
            metrics.counter("gatehouse.identity.membership.changes", "source", "hr", "change", change.change()).increment();
        }
        return row;
    }
}
