-- Issue 12: the connection of a CARD_ISSUED request is polled for a finished setup that no SetupCompleted reported (the
-- return page met a Fivetran outage, or the owner closed the tab). From now on a request is enrolled (sync_poll.
-- next_poll_at) when it enters CARD_ISSUED; the ones waiting already are polled once right after the upgrade, since
-- some may be stuck there today. Portable between PostgreSQL and H2 (MODE=PostgreSQL).

update sync_poll set next_poll_at = current_timestamp
 where next_poll_at is null
   and request_id in (select request_id from connector_request where state = 'CARD_ISSUED' and connection_id is not null);
