-- Operator re-activation (issue 12): a REACTIVATING request remembers the state it came from (BROKEN or FAILED), since
-- what its outcome publishes depends on it (a request found still disconnected tells the timeline of a break only if it
-- was not BROKEN already). Null in every other state. Portable between PostgreSQL and H2 (MODE=PostgreSQL).
-- States now: ... ACTIVE -> BROKEN (ConnectorBroken) -> ACTIVE (a successful sync, a poll, connection_successful);
-- BROKEN | FAILED with a connection -> REACTIVATING (ReactivationRequested) -> ACTIVE | BROKEN.

alter table connector_request add column reactivating_from varchar(20);
