package io.gatehouse.grant.service;

import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.events.TableAdded;
import io.gatehouse.events.TableRemoved;
import io.gatehouse.events.UserJoinedBusiness;
import io.gatehouse.events.UserLeftBusiness;
import io.gatehouse.grant.domain.Statement;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What events would run, without running them: the same code as the consumers changes the facts in a
 * transaction that is always rolled back, and the planner diffs that state against the applied ledger.
 */
@ApplicationScoped
public class PlanPreview {

    private final DesiredChanges changes;
    private final JobApplier applier;

    PlanPreview(DesiredChanges changes, JobApplier applier) {
        this.changes = changes;
        this.applier = applier;
    }

    public List<Statement> preview(List<GatehouseEvent> events) {
        List<List<Statement>> result = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Set<String> roles = new LinkedHashSet<>();
                Instant now = Instant.now();    // a preview's events happen now, in the order given
                for (GatehouseEvent e : events) {
                    roles.addAll(change(e, now).roles());
                }
                result.add(applier.plan(new ArrayList<>(roles)));
                QuarkusTransaction.setRollbackOnly();
            });
        } catch (QuarkusTransactionException e) {
            if (result.isEmpty()) {
                throw e;
            }
        }
        return result.isEmpty() ? List.of() : result.get(0);
    }

    private DesiredChanges.Change change(GatehouseEvent e, Instant at) {
        if (e instanceof UserJoinedBusiness j) {
            return changes.userJoined(j, at);
        } else if (e instanceof UserLeftBusiness l) {
            return changes.userLeft(l, at);
        } else if (e instanceof TableAdded a) {
            return changes.tableAdded(a);
        } else if (e instanceof TableRemoved r) {
            return changes.tableRemoved(r);
        }
        throw new InvalidInputException("the grant-service does not consume " + e.eventType().eventName(), List.of());
    }
}
