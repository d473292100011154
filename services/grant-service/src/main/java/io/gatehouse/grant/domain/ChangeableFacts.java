package io.gatehouse.grant.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The facts and the changes consumed events and platform decisions make to them: the service's database for the
 * consumers and the API, an in-memory overlay of it for a plan preview or a dry run, so both run the same rules.
 */
public interface ChangeableFacts extends Facts {

    /** Remembers a user Gatehouse has heard of ({@code userId}: the identity source's id, when known). */
    void knowUser(String login, String userId);

    /**
     * Makes the user a member of the business, or not, as of the event time {@code at}. Returns empty when applied;
     * when a later change of the pair is already applied, changes nothing and returns that change's time.
     */
    Optional<Instant> changeMembership(String login, String business, boolean member, Instant at);

    void declareGroup(String group);

    void publish(String group, String business);

    /** Puts the table into the group; returns the group it was in before, if another. */
    Optional<String> putTable(TableRef table, String group);

    /** Removes the table; returns the group it was in. */
    Optional<String> removeTable(TableRef table);

    // ---- what the platform team's decisions change, and the reads their rules need

    void unpublish(String group, String business);

    /** Declares the shared schema; a drop asked by an earlier deletion of it is forgotten. */
    void declareSharedSchema(SchemaRef schema);

    /** Sets the shared schema's warehouse (empty: none); returns whether it changed. The schema must be declared. */
    boolean setWarehouse(SchemaRef schema, Optional<String> warehouse);

    /** Sets the business's warehouse (empty: none, the configured default applies); returns whether it changed. */
    boolean setWarehouse(String business, Optional<String> warehouse);

    void addMember(SchemaRef schema, String login);

    void removeMember(SchemaRef schema, String login);

    void grantDirect(String login, String group);

    void revokeDirect(String login, String group);

    void addWriter(String group, String login);

    void removeWriter(String group, String login);

    /** Businesses the group is published in. */
    Set<String> businessesPublishing(String group);

    /** Members of the business, by login. */
    Set<String> membersOfBusiness(String business);

    /** Members of the shared schema, by login. */
    Set<String> membersOf(SchemaRef schema);
}
