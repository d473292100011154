package io.gatehouse.identity.domain;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.identity.config.IdentityConfig.LoginSource;
import io.gatehouse.naming.InvalidNameException;
import io.gatehouse.naming.RoleNames;

/**
 * A SCIM user's Snowflake login, as the grant-service keys it (upper case). Refuses what the grant-service could not
 * turn into a user role ({@link RoleNames#login}, {@link RoleNames#user}) with {@link InvalidNameException}.
 */
public final class LoginRule {

    private final LoginSource source;
    private final String attribute;
    private final RoleNames names;

    public LoginRule(LoginSource source, String attribute, RoleNames names) {
        if (source == LoginSource.ATTRIBUTE && (attribute == null || attribute.isBlank())) {
            throw new IllegalArgumentException(
                    "gatehouse.identity.logins.source=attribute needs gatehouse.identity.logins.attribute");
        }
        this.source = source;
        this.attribute = attribute;
        this.names = names;
    }

    /** The login of a user resource with this userName; {@code resource} is read only for the attribute source. */
    public String loginOf(String userName, JsonNode resource) {
        String raw = switch (source) {
            case USER_NAME -> userName;
            case USER_NAME_LOCAL_PART -> userName.contains("@") ? userName.substring(0, userName.indexOf('@')) : userName;
            case ATTRIBUTE -> attributeOf(resource);
        };
        if (raw == null || raw.isBlank()) {
            throw new InvalidNameException("the login (" + describe() + ") is empty");
        }
        names.user(raw);
        return RoleNames.login(raw);
    }

    private String attributeOf(JsonNode resource) {
        int colon = attribute.lastIndexOf(':');
        JsonNode node = colon < 0 ? ScimAttributes.get(resource, attribute)
                : ScimAttributes.get(ScimAttributes.get(resource, attribute.substring(0, colon)), attribute.substring(colon + 1));
        return node == null || !node.isValueNode() ? null : node.asText();
    }

    private String describe() {
        return switch (source) {
            case USER_NAME -> "userName";
            case USER_NAME_LOCAL_PART -> "the part of userName before '@'";
            case ATTRIBUTE -> attribute;
        };
    }
}
