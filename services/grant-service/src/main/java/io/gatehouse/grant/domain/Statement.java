package io.gatehouse.grant.domain;

/**
 * One SQL statement of a plan: the role it changes, the SQL, and the ledger effect once it succeeded
 * ({@code grant} added when {@code adds}, removed otherwise). {@code phase} orders a plan.
 */
public record Statement(String role, String sql, Grant grant, boolean adds, int phase) {
}
