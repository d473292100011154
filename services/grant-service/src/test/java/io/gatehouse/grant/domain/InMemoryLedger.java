package io.gatehouse.grant.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The applied ledger in a map: records what a plan's statements did, as the service does after success. */
public final class InMemoryLedger {

    private final Map<String, Set<Grant>> applied = new HashMap<>();

    public Set<Grant> of(String role) {
        return applied.getOrDefault(role, Set.of());
    }

    public void record(List<Statement> statements) {
        for (Statement s : statements) {
            if (s.adds()) {
                Set<Grant> grants = applied.computeIfAbsent(s.role(), k -> new HashSet<>());
                if (s.grant() instanceof Grant.UserDefaults) {
                    grants.removeIf(Grant.UserDefaults.class::isInstance); // as the Ledger: new defaults replace old
                }
                grants.add(s.grant());
            } else if (s.grant() instanceof Grant.RoleExists) {
                applied.remove(s.role());
            } else {
                applied.getOrDefault(s.role(), new HashSet<>()).remove(s.grant());
            }
        }
    }
}
