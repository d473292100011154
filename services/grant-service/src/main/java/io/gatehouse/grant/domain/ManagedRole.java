package io.gatehouse.grant.domain;

/** The four kinds of role Gatehouse manages, by what they stand for. {@link #source()} is what the name derives from. */
public sealed interface ManagedRole {

    String kind();

    String source();

    record User(String login) implements ManagedRole {
        public String kind() {
            return "USER";
        }

        public String source() {
            return login.toUpperCase(java.util.Locale.ROOT);
        }
    }

    record Business(String business) implements ManagedRole {
        public String kind() {
            return "BUSINESS";
        }

        public String source() {
            return business;
        }
    }

    record Group(String group) implements ManagedRole {
        public String kind() {
            return "TABLE_GROUP";
        }

        public String source() {
            return group;
        }
    }

    record SharedSchema(String database, String schema) implements ManagedRole {
        public String kind() {
            return "SHARED_SCHEMA";
        }

        public String source() {
            return Identifier.qualified(java.util.List.of(database, schema));
        }
    }
}
