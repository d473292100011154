package io.gatehouse.identity.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.identity.domain.DocumentPatch;
import io.gatehouse.identity.domain.LoginRule;
import io.gatehouse.identity.domain.PatchOperation;
import io.gatehouse.identity.domain.ScimAttributes;
import io.gatehouse.identity.domain.ScimProblem;
import io.gatehouse.identity.domain.ScimSchemas;
import io.gatehouse.identity.persistence.ScimUser;
import io.gatehouse.naming.InvalidNameException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes of SCIM users. Each write locks the user, stores the new document and publishes the membership changes it
 * causes (a deactivation, a deletion, a login renamed) in the same transaction.
 */
@ApplicationScoped
public class ScimUsers {

    private static final Set<String> SERVER_OWNED = Set.of("id", "meta", "groups", "password");
    private static final int NAME_LENGTH = 255;

    private final LoginRule logins;
    private final Announcements announcements;

    ScimUsers(LoginRule logins, Announcements announcements) {
        this.logins = logins;
        this.announcements = announcements;
    }

    @Transactional
    public ScimUser create(ObjectNode body) {
        ObjectNode document = sanitize(body);
        ScimUser user = new ScimUser();
        user.id = UUID.randomUUID().toString();
        user.createdAt = now();
        user.version = 0;
        store(user, document);
        user.persistAndFlush();
        return user;
    }

    @Transactional
    public ScimUser replace(String id, ObjectNode body, String ifMatch) {
        ScimUser user = locked(id, ifMatch);
        store(user, sanitize(body));
        announcements.announce(List.of(id));
        return user;
    }

    @Transactional
    public ScimUser patch(String id, List<PatchOperation> operations, String ifMatch) {
        ScimUser user = locked(id, ifMatch);
        ObjectNode document = ScimJson.read(user.attributes);
        DocumentPatch.apply(document, operations);
        store(user, sanitize(document));
        announcements.announce(List.of(id));
        return user;
    }

    /** Deletes the user and its memberships; it leaves every business it was in. */
    @Transactional
    public void delete(String id, String ifMatch) {
        ScimUser user = locked(id, ifMatch);
        user.delete();
        announcements.announce(List.of(id));
    }

    static ScimUser locked(String id, String ifMatch) {
        ScimUser user = ScimUser.locked(id).orElseThrow(() -> ScimProblem.notFound("No user " + id + "."));
        ETags.check(ifMatch, user.version, "user " + id);
        return user;
    }

    /** Extracts and checks the looked-up columns; the version moves only when the document really changed. */
    private void store(ScimUser user, ObjectNode document) {
        String userName = ScimAttributes.text(document, "userName");
        if (userName == null || userName.isBlank()) {
            throw ScimProblem.invalidValue("userName is required");
        }
        requireLength("userName", userName, NAME_LENGTH);
        String externalId = ScimAttributes.text(document, "externalId");
        requireLength("externalId", externalId, NAME_LENGTH);
        String displayName = ScimAttributes.text(document, "displayName");
        requireLength("displayName", displayName, 512);
        Boolean active = ScimAttributes.bool(document, "active");
        // Stored as a real boolean whatever the provider sent ("False"), so it is served as the schema says.
        document.put(ScimAttributes.keyFor(document, "active"), active == null || active);
        String login;
        try {
            login = logins.loginOf(userName, document);
        } catch (InvalidNameException e) {
            throw ScimProblem.invalidValue("userName '" + userName + "' gives no Snowflake login: " + e.getMessage());
        }
        ScimUser.byUserName(userName).filter(other -> !other.id.equals(user.id)).ifPresent(other -> {
            throw ScimProblem.uniqueness("userName '" + userName + "' is taken by user " + other.id);
        });
        ScimUser.byLogin(login).filter(other -> !other.id.equals(user.id)).ifPresent(other -> {
            throw ScimProblem.uniqueness("userName '" + userName + "' gives the Snowflake login " + login
                    + ", which user " + other.id + " (" + other.userName + ") already has");
        });
        String serialized = ScimJson.write(document);
        if (serialized.equals(user.attributes)) {
            return;
        }
        user.userName = userName;
        user.userNameKey = ScimUser.key(userName);
        user.login = login;
        user.externalId = externalId;
        user.displayName = displayName;
        user.active = active == null || active;
        user.attributes = serialized;
        user.version++;
        user.updatedAt = now();
    }

    /** The document as stored: without what the service owns (id, meta, groups) or must never keep (a password). */
    static ObjectNode sanitize(ObjectNode body) {
        ObjectNode document = body.deepCopy();
        SERVER_OWNED.forEach(name -> ScimAttributes.remove(document, name));
        if (ScimAttributes.get(document, "schemas") == null) {
            document.putArray("schemas").add(ScimSchemas.USER);
        }
        return document;
    }

    static void requireLength(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw ScimProblem.invalidValue(name + " is longer than " + max + " characters");
        }
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
