-- Polling catches a sync_end webhook that never arrived (Fivetran's retries exhausted while the webhook-receiver was
-- unreachable). One row per request, written only by single statements (never as a loaded entity), so a poll never
-- races the request row's version. Portable between PostgreSQL and H2 (MODE=PostgreSQL).

create table sync_poll (
    request_id      varchar(36) primary key references connector_request (request_id),
    -- the latest successful sync the service has seen: Fivetran's succeeded_at read by a poll, or the time of a
    -- SyncCompleted; only moves forward. A poll acts only on a success newer than this (null: none seen yet).
    last_success_at timestamp with time zone,
    -- the poll schedule while the request is ACTIVE or BROKEN: due when next_poll_at <= now; a claim moves it a lease
    -- ahead (so no other poller takes the row), a finished or failed poll one interval ahead. Null: not polled yet.
    next_poll_at    timestamp with time zone,
    -- when a poll last read the connection (for operators)
    polled_at       timestamp with time zone
);
create index sync_poll_due on sync_poll (next_poll_at);

insert into sync_poll (request_id) select request_id from connector_request;
-- Requests already past activation are polled once right after the upgrade: a sync_end lost before it is caught too.
update sync_poll set next_poll_at = current_timestamp
 where request_id in (select request_id from connector_request where state in ('ACTIVE', 'BROKEN'));
