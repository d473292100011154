package io.gatehouse.grant.service;

import io.gatehouse.grant.config.GrantConfig;
import io.gatehouse.grant.domain.DesiredState;
import io.gatehouse.grant.domain.Facts;
import io.gatehouse.grant.domain.Planner;
import io.gatehouse.grant.persistence.FactStore;
import io.gatehouse.naming.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;

/** The domain objects wired to the configuration and the service's facts. */
@ApplicationScoped
public class GrantModel {

    private final GrantConfig config;
    private final RoleNames names;
    private final DesiredState desired;
    private final Planner planner;

    GrantModel(GrantConfig config, FactStore facts) {
        this.config = config;
        this.names = new RoleNames(config.managedPrefix());
        this.desired = desiredOver(facts);
        this.planner = new Planner(desired);
    }

    /** A planner over other facts than the service's own (a preview's overlay), with the same settings. */
    public Planner plannerOver(Facts facts) {
        return new Planner(desiredOver(facts));
    }

    /** The desired state over other facts than the service's own (a drift page's preloaded ones), same settings. */
    public DesiredState desiredOver(Facts facts) {
        return new DesiredState(facts, names, config.parentRole(), config.dropEmptyUserRoles(), config.defaultWarehouse());
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
