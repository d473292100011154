package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.DesiredState;
import io.gatehouse.grant.domain.Planner;
import io.gatehouse.grant.persistence.FactStore;
import io.gatehouse.naming.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;

/** The domain objects wired to the configuration and the service's facts. */
@ApplicationScoped
public class GrantModel {

    private final RoleNames names;
    private final DesiredState desired;
    private final Planner planner;

    GrantModel(GrantConfig config, FactStore facts) {
        this.names = new RoleNames(config.managedPrefix());
        this.desired = new DesiredState(facts, names, config.parentRole(), config.dropEmptyUserRoles(),
                config.defaultWarehouse());
        this.planner = new Planner(desired);
    }

    public RoleNames names() {
        return names;
    }

    public DesiredState desired() {
        return desired;
    }

    public Planner planner() {
        return planner;
    }
}
