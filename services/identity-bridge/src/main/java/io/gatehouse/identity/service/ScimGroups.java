package io.gatehouse.identity.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.domain.AttributePath;
import io.gatehouse.identity.domain.BusinessGroups;
import io.gatehouse.identity.domain.PatchOperation;
import io.gatehouse.identity.domain.ScimAttributes;
import io.gatehouse.identity.domain.ScimFilter;
import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.persistence.Memberships;
import io.gatehouse.identity.persistence.ScimGroup;
import io.gatehouse.identity.persistence.ScimUser;
import io.gatehouse.naming.InvalidNameException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Writes of SCIM groups. A write locks the group, works out its members after the change, locks every user it adds
 * or removes (sorted, so two writes never wait on each other in a circle), stores the difference and publishes the
 * joins and leaves it causes in the same transaction. Renaming a group into or out of a business moves all its members.
 */
@ApplicationScoped
public class ScimGroups {

    private final BusinessGroups businesses;
    private final Memberships memberships;
    private final Announcements announcements;

    ScimGroups(BusinessGroups businesses, Memberships memberships, Announcements announcements) {
        this.businesses = businesses;
        this.memberships = memberships;
        this.announcements = announcements;
    }

    @Transactional
    public ScimGroup create(ObjectNode body) {
        ScimGroup group = new ScimGroup();
        group.id = UUID.randomUUID().toString();
        group.createdAt = ScimUsers.now();
        group.updatedAt = group.createdAt;
        group.version = 1;
        rename(group, required(ScimAttributes.text(body, "displayName")));
        group.externalId = externalId(body);
        group.persistAndFlush();
        Set<String> members = memberIds(ScimAttributes.get(body, "members"));
        update(group, Set.of(), members, false);
        return group;
    }

    /** PUT: the group as sent, members included (Okta's older integrations push whole groups this way). */
    @Transactional
    public ScimGroup replace(String id, ObjectNode body, String ifMatch) {
        ScimGroup group = locked(id, ifMatch);
        Set<String> before = new LinkedHashSet<>(memberships.members(id));
        String displayName = required(ScimAttributes.text(body, "displayName"));
        boolean renamed = !displayName.equals(group.displayName);
        boolean businessChanged = rename(group, displayName);
        String externalId = externalId(body);
        boolean changed = renamed || !Objects.equals(externalId, group.externalId);
        group.externalId = externalId;
        JsonNode members = ScimAttributes.get(body, "members");
        Set<String> after = members == null ? Set.of() : memberIds(members);
        bump(group, update(group, before, after, businessChanged) || changed);
        return group;
    }

    @Transactional
    public ScimGroup patch(String id, List<PatchOperation> operations, String ifMatch) {
        ScimGroup group = locked(id, ifMatch);
        Set<String> before = new LinkedHashSet<>(memberships.members(id));
        Set<String> after = new LinkedHashSet<>(before);
        String displayName = group.displayName;
        String externalId = group.externalId;
        for (PatchOperation operation : operations) {
            if (operation.path() == null) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = operation.value().fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    String name = field.getKey();
                    if (name.equalsIgnoreCase("id") || name.equalsIgnoreCase("schemas") || name.equalsIgnoreCase("meta")) {
                        continue;
                    }
                    AttributePath path = AttributePath.parse(name);
                    if (path.is("members")) {
                        applyMembers(after, operation.op(), null, field.getValue());
                    } else if (path.is("displayName")) {
                        displayName = required(text(field.getValue(), "displayName"));
                    } else if (path.is("externalId")) {
                        externalId = text(field.getValue(), "externalId");
                    } else {
                        throw unknown(name);
                    }
                }
            } else if (operation.path().is("members")) {
                applyMembers(after, operation.op(), operation.path().filter(), operation.value());
            } else if (operation.path().is("displayName") && operation.path().filter() == null) {
                if (operation.op() == PatchOperation.Op.REMOVE) {
                    throw ScimProblem.mutability("displayName is required: it can be replaced, not removed");
                }
                displayName = required(text(operation.value(), "displayName"));
            } else if (operation.path().is("externalId") && operation.path().filter() == null) {
                externalId = operation.op() == PatchOperation.Op.REMOVE ? null : text(operation.value(), "externalId");
            } else {
                throw unknown(operation.path().toString());
            }
        }
        boolean renamed = !displayName.equals(group.displayName);
        boolean businessChanged = rename(group, displayName);
        boolean changed = renamed || !Objects.equals(externalId, group.externalId);
        group.externalId = externalId;
        ScimUsers.requireLength("externalId", externalId, 255);
        bump(group, update(group, before, after, businessChanged) || changed);
        return group;
    }

    /** Deletes the group; every member of a business group leaves that business. */
    @Transactional
    public void delete(String id, String ifMatch) {
        ScimGroup group = locked(id, ifMatch);
        List<String> members = memberships.members(id);
        lockUsers(new TreeSet<>(members));
        group.delete();
        announcements.announce(members);
    }

    private static ScimGroup locked(String id, String ifMatch) {
        ScimGroup group = ScimGroup.locked(id).orElseThrow(() -> ScimProblem.notFound("No group " + id + "."));
        ETags.check(ifMatch, group.version, "group " + id);
        return group;
    }

    /** Writes the membership difference and announces it; true when anything changed. */
    private boolean update(ScimGroup group, Set<String> before, Set<String> after, boolean businessChanged) {
        Set<String> added = new TreeSet<>(after);
        added.removeAll(before);
        Set<String> removed = new TreeSet<>(before);
        removed.removeAll(after);
        Set<String> touched = new TreeSet<>(added);
        touched.addAll(removed);
        if (businessChanged) {
            touched.addAll(before);
            touched.addAll(after);
        }
        Map<String, ScimUser> users = lockUsers(touched);
        for (String id : added) {
            if (!users.containsKey(id)) {
                throw ScimProblem.invalidValue("members: there is no user " + id);
            }
            memberships.add(group.id, id);
        }
        removed.forEach(id -> memberships.remove(group.id, id));
        announcements.announce(touched);
        return !added.isEmpty() || !removed.isEmpty();
    }

    private static Map<String, ScimUser> lockUsers(Set<String> sortedIds) {
        Map<String, ScimUser> users = new java.util.HashMap<>();
        for (String id : sortedIds) {
            ScimUser.locked(id).ifPresent(user -> users.put(id, user));
        }
        return users;
    }

    private static void applyMembers(Set<String> members, PatchOperation.Op op, ScimFilter filter, JsonNode value) {
        if (filter != null) {
            // Okta: {"op": "remove", "path": "members[value eq \"<id>\"]"}.
            if (op != PatchOperation.Op.REMOVE) {
                throw ScimProblem.invalidPath("members[...] takes remove only; add members with the path 'members'");
            }
            for (ScimFilter.Comparison term : filter.terms()) {
                if (!term.attribute().equals("value") || !term.value().isTextual()) {
                    throw ScimProblem.invalidFilter("members are chosen by value (the user id)");
                }
                members.remove(term.value().asText());
            }
            return;
        }
        switch (op) {
            case ADD -> members.addAll(memberIds(value));
            case REPLACE -> {
                members.clear();
                members.addAll(memberIds(value));
            }
            // Entra ID: {"op": "Remove", "path": "members", "value": [{"value": "<id>"}]}; without a value, all go.
            case REMOVE -> {
                if (value == null || value.isNull()) {
                    members.clear();
                } else {
                    members.removeAll(memberIds(value));
                }
            }
        }
    }

    private static Set<String> memberIds(JsonNode members) {
        Set<String> ids = new LinkedHashSet<>();
        if (members == null || members.isNull()) {
            return ids;
        }
        for (JsonNode member : members.isArray() ? members : List.of(members)) {
            String type = ScimAttributes.text(member, "type");
            if (type != null && !type.equalsIgnoreCase("User")) {
                throw ScimProblem.invalidValue("members: only users can be members here, not a " + type);
            }
            String value = ScimAttributes.text(member, "value");
            if (value == null || value.isBlank()) {
                throw ScimProblem.invalidValue("members: each member names a user id in 'value'");
            }
            ids.add(value);
        }
        return ids;
    }

    /** Sets the displayName and the business it stands for; true when the business changed. */
    private boolean rename(ScimGroup group, String displayName) {
        ScimUsers.requireLength("displayName", displayName, 255);
        Optional<BusinessGroups.Business> business;
        try {
            business = businesses.of(displayName);
        } catch (InvalidNameException e) {
            throw ScimProblem.invalidValue("displayName '" + displayName + "' names a business Gatehouse cannot "
                    + "represent: " + e.getMessage());
        }
        String key = ScimGroup.key(displayName);
        ScimGroup.<ScimGroup>find("displayNameKey", key).firstResultOptional()
                .filter(other -> !other.id.equals(group.id)).ifPresent(other -> {
                    throw ScimProblem.uniqueness("displayName '" + displayName + "' is taken by group " + other.id);
                });
        String role = business.map(BusinessGroups.Business::role).orElse(null);
        if (role != null) {
            ScimGroup.<ScimGroup>find("businessRole", role).firstResultOptional()
                    .filter(other -> !other.id.equals(group.id)).ifPresent(other -> {
                        throw ScimProblem.uniqueness("displayName '" + displayName + "' names the business of role "
                                + role + ", which group " + other.id + " (" + other.displayName + ") already stands for");
                    });
        }
        String newBusiness = business.map(BusinessGroups.Business::name).orElse(null);
        boolean changed = !Objects.equals(newBusiness, group.business);
        group.displayName = displayName;
        group.displayNameKey = key;
        group.business = newBusiness;
        group.businessRole = role;
        return changed;
    }

    private static void bump(ScimGroup group, boolean changed) {
        if (changed) {
            group.version++;
            group.updatedAt = ScimUsers.now();
        }
    }

    private static String externalId(ObjectNode body) {
        String externalId = ScimAttributes.text(body, "externalId");
        ScimUsers.requireLength("externalId", externalId, 255);
        return externalId;
    }

    private static String text(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ScimProblem.invalidValue(name + " must be a string");
        }
        return value.asText();
    }

    private static String required(String displayName) {
        if (displayName == null || displayName.isBlank()) {
            throw ScimProblem.invalidValue("displayName is required");
        }
        return displayName;
    }

    private static ScimProblem unknown(String path) {
        return ScimProblem.invalidPath("'" + path + "': a group here holds displayName, externalId and members");
    }
}
