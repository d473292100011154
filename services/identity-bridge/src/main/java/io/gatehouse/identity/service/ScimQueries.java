package io.gatehouse.identity.service;

import io.gatehouse.identity.domain.ScimFilter;
import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.persistence.Memberships;
import io.gatehouse.identity.persistence.ScimGroup;
import io.gatehouse.identity.persistence.ScimUser;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads of SCIM users and groups: by id, and lists with a filter and paging (RFC 7644 3.4.2). Filters run in the
 * database on the attributes providers search by; any other attribute is invalidFilter.
 */
@ApplicationScoped
public class ScimQueries {

    private final Memberships memberships;

    ScimQueries(Memberships memberships) {
        this.memberships = memberships;
    }

    /** A page of a list: the total matching and the resources from {@code startIndex} (1-based). */
    public record ListPage<T>(long total, int startIndex, List<T> resources) {
    }

    @Transactional
    public Optional<ScimUser> user(String id) {
        return ScimUser.findByIdOptional(id);
    }

    @Transactional
    public Optional<ScimGroup> group(String id) {
        return ScimGroup.findByIdOptional(id);
    }

    @Transactional
    public List<String> members(String groupId) {
        return memberships.members(groupId);
    }

    @Transactional
    public List<ScimGroup> groupsOf(String userId) {
        List<String> ids = memberships.groupsOf(userId);
        return ids.isEmpty() ? List.of() : ScimGroup.list("id in ?1 order by displayNameKey", ids);
    }

    /** userName of each of these users, for the {@code display} of group members. */
    @Transactional
    public Map<String, String> userNames(List<String> ids) {
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            ScimUser.<ScimUser>list("id in ?1", ids).forEach(u -> names.put(u.id, u.userName));
        }
        return names;
    }

    @Transactional
    public ListPage<ScimUser> users(String filter, int startIndex, int count) {
        Where where = new Where();
        if (filter != null) {
            for (ScimFilter.Comparison term : ScimFilter.parse(filter).terms()) {
                switch (term.attribute()) {
                    case "id" -> where.add("id", text(term));
                    case "username" -> where.add("userNameKey", ScimUser.key(text(term)));
                    case "externalid" -> where.add("externalId", text(term));
                    case "displayname" -> where.add("displayName", text(term));
                    case "active" -> where.add("active", bool(term));
                    default -> throw unsupported(term, "id, userName, externalId, displayName and active");
                }
            }
        }
        return page(ScimUser.find(where.query() + " order by createdAt, id", where.parameters()), startIndex, count);
    }

    @Transactional
    public ListPage<ScimGroup> groups(String filter, int startIndex, int count) {
        Where where = new Where();
        if (filter != null) {
            for (ScimFilter.Comparison term : ScimFilter.parse(filter).terms()) {
                switch (term.attribute()) {
                    case "id" -> where.add("id", text(term));
                    case "displayname" -> where.add("displayNameKey", ScimGroup.key(text(term)));
                    case "externalid" -> where.add("externalId", text(term));
                    // Entra ID checks a membership with "members eq \"<user id>\"", Okta with members[value eq ...].
                    case "members", "members.value" -> where.in("id", memberships.groupsOf(text(term)));
                    default -> throw unsupported(term, "id, displayName, externalId and members");
                }
            }
        }
        return page(ScimGroup.find(where.query() + " order by createdAt, id", where.parameters()), startIndex, count);
    }

    private static <T> ListPage<T> page(PanacheQuery<T> query, int startIndex, int count) {
        long total = query.count();
        List<T> resources = count == 0 ? List.of()
                : query.range(startIndex - 1, startIndex - 1 + count - 1).list();
        return new ListPage<>(total, startIndex, resources);
    }

    private static String text(ScimFilter.Comparison term) {
        if (!term.value().isTextual()) {
            throw ScimProblem.invalidFilter(term.attribute() + " is compared with a string");
        }
        return term.value().asText();
    }

    private static Boolean bool(ScimFilter.Comparison term) {
        if (term.value().isBoolean()) {
            return term.value().booleanValue();
        }
        throw ScimProblem.invalidFilter(term.attribute() + " is compared with true or false");
    }

    private static ScimProblem unsupported(ScimFilter.Comparison term, String supported) {
        return ScimProblem.invalidFilter("filtering on '" + term.attribute() + "' is not supported; this resource "
                + "filters on " + supported);
    }

    /** A conjunction of equalities as a Panache query with positional parameters. */
    private static final class Where {
        private final List<String> clauses = new ArrayList<>();
        private final List<Object> parameters = new ArrayList<>();

        void add(String field, Object value) {
            parameters.add(value);
            clauses.add(field + " = ?" + parameters.size());
        }

        void in(String field, List<String> values) {
            if (values.isEmpty()) {
                clauses.add("1 = 0");
                return;
            }
            parameters.add(values);
            clauses.add(field + " in ?" + parameters.size());
        }

        String query() {
            return clauses.isEmpty() ? "1 = 1" : String.join(" and ", clauses);
        }

        Object[] parameters() {
            return parameters.toArray();
        }
    }
}
