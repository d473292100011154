package io.gatehouse.grant.service;

import io.gatehouse.grant.domain.SchemaRef;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

/**
 * One platform decision as asked, not yet made: {@link PlatformDecisions} stores it and queues its job,
 * {@link PlanPreview} dry-runs it. Both run the same rule of {@link DecisionChanges}, on the database or on an overlay.
 */
public final class Decision {

    /** The job's event type in the queue and the audit log (it stands in for a consumed event's type). */
    final String type;
    final Function<DecisionChanges, DesiredChanges.Change> rule;

    private Decision(String type, Function<DecisionChanges, DesiredChanges.Change> rule) {
        this.type = type;
        this.rule = rule;
    }

    public static Decision putTableGroup(String group, Collection<String> businesses) {
        return new Decision("PutTableGroup", rules -> rules.putTableGroup(group, businesses));
    }

    public static Decision putSharedSchema(SchemaRef schema, Collection<String> members, Optional<String> warehouse) {
        return new Decision("PutSharedSchema", rules -> rules.putSharedSchema(schema, members, warehouse));
    }

    /** The business's warehouse, or (empty) none of its own. */
    public static Decision businessWarehouse(String business, Optional<String> warehouse) {
        return new Decision(warehouse.isPresent() ? "BusinessWarehouseSet" : "BusinessWarehouseRemoved",
                rules -> rules.businessWarehouse(business, warehouse));
    }

    public static Decision addMember(SchemaRef schema, String login) {
        return new Decision("SharedSchemaMemberAdded", rules -> rules.member(schema, login, true));
    }

    public static Decision removeMember(SchemaRef schema, String login) {
        return new Decision("SharedSchemaMemberRemoved", rules -> rules.member(schema, login, false));
    }

    public static Decision grantDirect(String login, String group) {
        return new Decision("DirectGrantAdded", rules -> rules.direct(login, group, true));
    }

    public static Decision revokeDirect(String login, String group) {
        return new Decision("DirectGrantRemoved", rules -> rules.direct(login, group, false));
    }

    public static Decision putWriters(String group, Collection<String> logins) {
        return new Decision("PutTableGroupWriters", rules -> rules.putWriters(group, logins));
    }

    public static Decision addWriter(String group, String login) {
        return new Decision("TableGroupWriterAdded", rules -> rules.writer(group, login, true));
    }

    public static Decision removeWriter(String group, String login) {
        return new Decision("TableGroupWriterRemoved", rules -> rules.writer(group, login, false));
    }
}
