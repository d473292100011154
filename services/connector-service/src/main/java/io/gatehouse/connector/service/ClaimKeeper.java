package io.gatehouse.connector.service;

import io.gatehouse.connector.config.ConnectorConfig;
import io.gatehouse.connector.persistence.ConnectorRequest;
import io.gatehouse.connector.persistence.StepClaims;
import io.gatehouse.connector.persistence.WorkItem;
import io.gatehouse.messaging.work.LeaseRenewals;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The claims this instance holds on the requests whose steps it runs ({@link StepClaims}): taken with a new token,
 * renewed every quarter of {@code worker.lease} while the step runs, checked before every Fivetran call ({@link #check})
 * and by every result write ({@link #fence}).
 *
 * <p>Renewed ({@link LeaseRenewals} says why) because a step's Fivetran calls have no small fixed bound (each call
 * retries, a 429 waits its Retry-After, a listing pages). What bounds a step is {@code worker.step-budget}, checked at
 * startup to cover a step's calls (CallBudget), after which its claim is no longer renewed.
 */
@ApplicationScoped
public class ClaimKeeper {

    /**
     * The claim of a step (or a poll) is no longer held: another instance took it over after its lease ran out unrenewed
     * (or polling was stopped meanwhile). Nothing of its results is written.
     */
    public static final class ClaimLost extends RuntimeException {
        ClaimLost(String requestId) {
            super("request " + requestId + ": claim no longer held (taken over after its lease ran out)");
        }
    }

    /** The step ran longer than {@code worker.step-budget}: it stops before its next call and is retried later. */
    public static final class OverBudget extends RuntimeException {
        OverBudget(String requestId, Duration budget) {
            super("request " + requestId + ": step ran past its budget of " + budget);
        }
    }

    /**
     * One step's claim as this instance knows it. The database decides (every write is fenced by the token); this only
     * lets a step whose renewals failed stop before its next Fivetran call, well before another instance may take over.
     */
    private static final class Held {
        final String requestId;
        final String token;
        final Instant started = Instant.now();
        volatile Instant leaseUntil;
        volatile boolean lost;

        Held(String requestId, String token, Instant leaseUntil) {
            this.requestId = requestId;
            this.token = token;
            this.leaseUntil = leaseUntil;
        }

        @Override
        public String toString() {
            return "request " + requestId;
        }
    }

    private final StepClaims claims;
    private final Duration lease;
    private final Duration budget;
    /** This process among the service's instances: a random id per start, with the host name for humans. */
    private final String holder = host() + "/" + UUID.randomUUID();
    private final Counter fenced;
    private final LeaseRenewals<Held> held;

    ClaimKeeper(StepClaims claims, ConnectorConfig config, MeterRegistry registry) {
        this.claims = claims;
        this.lease = config.worker().lease();
        this.budget = config.worker().stepBudget();
        this.fenced = registry.counter("gatehouse.connector.steps.fenced");
        this.held = new LeaseRenewals<>("connector", lease, new LeaseRenewals.Renewal<>() {
            @Override
            public boolean wanted(Held claim) {
                // lost, or past its budget: the lease runs out, and the step stops before its next call
                return !claim.lost && !Instant.now().isAfter(claim.started.plus(budget));
            }

            @Override
            public boolean renew(Held claim, Instant until) {
                return claims.renew(claim.requestId, claim.token, until);
            }

            @Override
            public void renewed(Held claim, Instant until) {
                claim.leaseUntil = until;
            }

            @Override
            public void lost(Held claim) {
                claim.lost = true;
                Log.warnf("request %s: claim lost to another instance; this step stops, its results are dropped",
                        claim.requestId);
            }
        });
    }

    @PreDestroy
    void stop() {
        held.close();
    }

    /**
     * Claims up to {@code limit} due requests for this instance, each with a new token; a row another instance (or an
     * event) got to first between the read and the conditional update is skipped.
     */
    public List<WorkItem> claimDue(int limit) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant until = now.plus(lease);
        List<WorkItem> claimed = QuarkusTransaction.requiringNew().call(() -> ConnectorRequest.due(now, limit).stream()
                .map(row -> WorkItem.of(row, UUID.randomUUID().toString()))
                .filter(item -> claims.claim(item.requestId(), item.version(), holder, item.claimToken(), now, until))
                .toList());
        claimed.forEach(item -> held.hold(item.claimToken(), new Held(item.requestId(), item.claimToken(), until)));
        return claimed;
    }

    /** Before each Fivetran call of a step: throws unless its claim is still safely held and the step within budget. */
    public void check(WorkItem item) {
        Held claim = held.get(item.claimToken()).orElse(null);
        if (claim == null || claim.lost || !Instant.now().isBefore(claim.leaseUntil.minus(lease.dividedBy(2)))) {
            // lost, or half a lease passed unrenewed (our database away): another instance may take over soon
            throw new ClaimLost(item.requestId());
        }
        if (Instant.now().isAfter(claim.started.plus(budget))) {
            throw new OverBudget(item.requestId(), budget);
        }
    }

    /**
     * First step of every transaction that writes a step's result: ends the claim if it still holds, throws
     * {@link ClaimLost} (nothing is written) if another instance has taken the request over.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void fence(WorkItem item) {
        held.release(item.claimToken()); // the step is recording: no renewal should take an ended claim for a lost one
        if (!claims.end(item.requestId(), item.claimToken())) {
            throw new ClaimLost(item.requestId());
        }
    }

    /** The step is over: its claim is no longer renewed (ended by its result, or left to lapse when none was written). */
    public void done(WorkItem item) {
        held.release(item.claimToken());
    }

    /** A step that found its claim taken over: what it did is dropped, the new holder does the work again. */
    public void dropped(WorkItem item, ClaimLost lost) {
        fenced.increment();
        Log.warnf("request %s: step in %s dropped, its results not recorded: %s", item.requestId(), item.state(),
                lost.getMessage());
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}
