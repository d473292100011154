package io.gatehouse.identity.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** {@code gatehouse.identity.*}: how identity-provider groups and users become businesses and Snowflake logins. */
@ConfigMapping(prefix = "gatehouse.identity")
public interface IdentityConfig {

    /**
     * The grant-service's {@code gatehouse.grant.managed-prefix}: logins and businesses are checked against the role
     * names it would derive from them, so a name it cannot represent is refused here and never dead-lettered there.
     */
    @WithDefault("GH_")
    String managedPrefix();

    Businesses businesses();

    Logins logins();

    Scim scim();

    /** Which SCIM groups stand for businesses; every other group is stored and served but announces nothing. */
    interface Businesses {

        /**
         * A group whose displayName starts with this prefix (any case) is the business named by the rest:
         * {@code biz-finance} is business {@code finance}. Empty turns the prefix rule off.
         */
        @WithDefault("biz-")
        String groupPrefix();

        /** Groups that are businesses under their own displayName (any case), whatever the prefix rule says. */
        Optional<List<String>> groups();
    }

    /** How a SCIM user's Snowflake login is found. */
    interface Logins {

        @WithDefault("user-name-local-part")
        LoginSource source();

        /**
         * With {@code source=attribute}: the attribute that holds the login, a top-level name ({@code nickName}) or
         * an extension attribute ({@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber}).
         */
        Optional<String> attribute();
    }

    interface Scim {

        /** The largest page of a list or search; a larger {@code count} is cut to it (RFC 7644 3.4.2.4). */
        @WithDefault("100")
        int maxResults();

        /** Live bearer tokens at once: two, so a provider can be moved to a new token before the old one is revoked. */
        @WithDefault("2")
        int maxLiveTokens();
    }

    enum LoginSource {
        /** The part of userName before the first {@code @} ({@code ada.lovelace@example.com} -> {@code ada.lovelace}). */
        USER_NAME_LOCAL_PART,
        /** userName as it is. */
        USER_NAME,
        /** The attribute named by {@code gatehouse.identity.logins.attribute}. */
        ATTRIBUTE
    }
}
