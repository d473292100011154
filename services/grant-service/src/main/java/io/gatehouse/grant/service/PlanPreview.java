package io.gatehouse.grant.service;

import io.gatehouse.errors.InvalidInputException;
import io.gatehouse.events.GatehouseEvent;
import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.ManagedRole;
import io.gatehouse.grant.domain.Statement;
import io.gatehouse.grant.persistence.FactStore;
import io.gatehouse.grant.persistence.Ledger;
import io.gatehouse.grant.persistence.RoleRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What events or a platform decision would run, without running them: the consumers' own event rules
 * ({@link EventChanges}) or the decisions' rules ({@link DecisionChanges}) change an in-memory overlay of the facts
 * ({@link PreviewFacts}), and the planner diffs that against the applied ledger. The database is only read, in a
 * transaction of plain reads, so a preview locks no row a consumer or the apply worker writes, registers no role name
 * and queues no job.
 */
@ApplicationScoped
public class PlanPreview {

    private final FactStore facts;
    private final RoleRegistry registry;
    private final GrantModel model;
    private final Ledger ledger;
    private final int maxEvents;

    PlanPreview(FactStore facts, RoleRegistry registry, GrantModel model, Ledger ledger, GrantConfig config) {
        this.facts = facts;
        this.registry = registry;
        this.model = model;
        this.ledger = ledger;
        this.maxEvents = config.plan().maxEvents();
    }

    public List<Statement> preview(List<GatehouseEvent> events) {
        if (events.size() > maxEvents) {
            throw new InvalidInputException("a preview takes at most " + maxEvents + " events (" + events.size()
                    + " sent); split the question", List.of(new InvalidInputException.Violation("events",
                    "at most " + maxEvents + " events")));
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, ManagedRole> touched = new LinkedHashMap<>();
            PreviewFacts overlay = new PreviewFacts(facts);
            EventChanges changes = new EventChanges(overlay, role -> name(role, touched),
                    (event, login, business, at, later) -> { });    // a stale event previews as nothing to do
            List<ManagedRole> affected = new ArrayList<>();
            Instant now = Instant.now();    // a preview's events happen now, in the order given
            for (GatehouseEvent e : events) {
                for (String role : changes.of(e, now).roles()) {
                    ManagedRole managed = touched.get(role);
                    if (!affected.contains(managed)) {
                        affected.add(managed);
                    }
                }
            }
            return model.plannerOver(overlay).plan(affected, ledger::of);
        });
    }

    /**
     * A dry run of the decision: the statements its apply job would run, in order. It is refused exactly as the
     * decision would be (a 400 or 404 from its rule, a role name another source holds).
     */
    public List<Statement> preview(Decision decision) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, ManagedRole> touched = new LinkedHashMap<>();
            PreviewFacts overlay = new PreviewFacts(facts);
            DecisionChanges rules = new DecisionChanges(overlay, role -> name(role, touched));
            DesiredChanges.Change change = decision.rule.apply(rules);
            List<ManagedRole> affected = change.roles().stream().map(touched::get).toList();
            return model.plannerOver(overlay).plan(affected, ledger::of);
        });
    }

    /** The role's name as the consumers would register it, refused as they would refuse it. */
    private String name(ManagedRole role, Map<String, ManagedRole> touched) {
        String name = registry.check(model.names(), role);
        ManagedRole earlier = touched.putIfAbsent(name, role);
        if (earlier != null && !earlier.equals(role)) {
            // two sources of this preview fold onto one new name: the consumers would register the first, refuse the second
            throw RoleRegistry.refused(name, role, earlier);
        }
        return name;
    }
}
