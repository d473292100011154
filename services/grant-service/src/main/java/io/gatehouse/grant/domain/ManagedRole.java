package io.gatehouse.grant.domain;

import io.gatehouse.naming.Identifier;
import io.gatehouse.naming.RoleNames;
import java.util.List;
import java.util.Locale;

/** The kinds of role Gatehouse manages, by what they stand for. {@link #source()} is what the name derives from. */
public sealed interface ManagedRole {

    /** What a role stands for; the role registry stores it next to the source. */
    enum Kind {
        USER,
        BUSINESS,
        TABLE_GROUP,
        SHARED_SCHEMA,
        /** The write role of a table group: held only by users the platform team names. */
        TABLE_GROUP_WRITE
    }

    Kind kind();

    String source();

    /** The Snowflake role this stands for, by the documented rule in {@link RoleNames}. */
    String roleName(RoleNames names);

    /** The role a kind and a source (as {@link #source()} gives it) stand for. */
    static ManagedRole of(Kind kind, String source) {
        return switch (kind) {
            case USER -> new User(source);
            case BUSINESS -> new Business(source);
            case TABLE_GROUP -> new Group(source);
            case TABLE_GROUP_WRITE -> new GroupWrite(source);
            case SHARED_SCHEMA -> {
                List<String> parts = Identifier.parseQualified(source);
                yield new SharedSchema(parts.get(0), parts.get(1));
            }
        };
    }

    record User(String login) implements ManagedRole {
        public Kind kind() {
            return Kind.USER;
        }

        public String source() {
            return login.toUpperCase(Locale.ROOT);
        }

        public String roleName(RoleNames names) {
            return names.user(login);
        }
    }

    record Business(String business) implements ManagedRole {
        public Kind kind() {
            return Kind.BUSINESS;
        }

        public String source() {
            return business;
        }

        public String roleName(RoleNames names) {
            return names.business(business);
        }
    }

    record Group(String group) implements ManagedRole {
        public Kind kind() {
            return Kind.TABLE_GROUP;
        }

        public String source() {
            return group;
        }

        public String roleName(RoleNames names) {
            return names.tableGroup(group);
        }
    }

    /** Writes (INSERT, UPDATE, DELETE, TRUNCATE) to a table group's tables; it holds the group's read role. */
    record GroupWrite(String group) implements ManagedRole {
        public Kind kind() {
            return Kind.TABLE_GROUP_WRITE;
        }

        public String source() {
            return group;
        }

        public String roleName(RoleNames names) {
            return names.tableGroupWrite(group);
        }
    }

    record SharedSchema(String database, String schema) implements ManagedRole {
        public Kind kind() {
            return Kind.SHARED_SCHEMA;
        }

        public String source() {
            return Identifier.qualified(List.of(database, schema));
        }

        public String roleName(RoleNames names) {
            return names.sharedSchema(database, schema);
        }
    }
}
