package io.gatehouse.grant.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * The facts and the changes the consumed events make to them: the service's database for the consumers, an in-memory
 * overlay of it for a plan preview, so both run the same event rules.
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
}
