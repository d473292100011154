package io.gatehouse.rest;

/** Roles a caller's bearer token carries (the {@code groups} claim), shared by every Gatehouse API. */
public final class Roles {

    /** May change things: request sources, decide table groups and shared schemas. */
    public static final String PLATFORM_ADMIN = "platform-admin";
    /** May read and ask questions. */
    public static final String OPS = "ops";
    /** An HR system's account: may post joins and leaves to the identity-bridge, nothing else. */
    public static final String IDENTITY_WRITER = "identity-writer";

    private Roles() {
    }
}
