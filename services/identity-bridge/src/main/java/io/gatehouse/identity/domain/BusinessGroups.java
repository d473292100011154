package io.gatehouse.identity.domain;

import io.gatehouse.naming.RoleNames;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which groups are businesses: a displayName with the configured prefix names the business after it, and an
 * explicitly listed displayName is a business under its own name. The business must map to a role name the
 * grant-service accepts ({@link RoleNames#business}); {@link io.gatehouse.naming.InvalidNameException} otherwise.
 */
public final class BusinessGroups {

    private final String prefix;
    private final List<String> listed;
    private final RoleNames names;

    public BusinessGroups(String prefix, List<String> listed, RoleNames names) {
        this.prefix = prefix == null ? "" : prefix.toLowerCase(Locale.ROOT);
        this.listed = listed.stream().map(g -> g.toLowerCase(Locale.ROOT)).toList();
        this.names = names;
    }

    /** The business a group stands for, with its role; empty for a group that is not a business. */
    public Optional<Business> of(String displayName) {
        String lower = displayName.toLowerCase(Locale.ROOT);
        String business;
        if (listed.contains(lower)) {
            business = displayName;
        } else if (!prefix.isEmpty() && lower.startsWith(prefix)) {
            business = displayName.substring(prefix.length());
        } else {
            return Optional.empty();
        }
        return Optional.of(new Business(business, names.business(business)));
    }

    /** A business and the business-public role the grant-service gives it. */
    public record Business(String name, String role) {
    }
}
