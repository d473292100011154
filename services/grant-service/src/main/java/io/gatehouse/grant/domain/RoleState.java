package io.gatehouse.grant.domain;

import java.util.Set;

/**
 * Everything that must hold for one managed role; an absent role ({@code exists=false}) is to be dropped, together with
 * the managed schemas its {@code grants} name (a shared schema deleted with its schema).
 */
public record RoleState(String role, boolean exists, Set<Grant> grants) {

    public RoleState {
        grants = Set.copyOf(grants);
    }

    public static RoleState absent(String role) {
        return new RoleState(role, false, Set.of());
    }
}
