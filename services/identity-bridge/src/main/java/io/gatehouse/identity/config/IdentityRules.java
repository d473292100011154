package io.gatehouse.identity.config;

import io.gatehouse.identity.domain.BusinessGroups;
import io.gatehouse.identity.domain.LoginRule;
import io.gatehouse.naming.RoleNames;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The mapping rules, built once from {@link IdentityConfig} (singletons: the rule classes are final, never proxied). */
@ApplicationScoped
public class IdentityRules {

    @Produces
    @Singleton
    RoleNames roleNames(IdentityConfig config) {
        return new RoleNames(config.managedPrefix());
    }

    @Produces
    @Singleton
    LoginRule loginRule(IdentityConfig config, RoleNames names) {
        return new LoginRule(config.logins().source(), config.logins().attribute().orElse(null), names);
    }

    @Produces
    @Singleton
    BusinessGroups businessGroups(IdentityConfig config, RoleNames names) {
        return new BusinessGroups(config.businesses().groupPrefix(), config.businesses().groups().orElse(List.of()), names);
    }
}
