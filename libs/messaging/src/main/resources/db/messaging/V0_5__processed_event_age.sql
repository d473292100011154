-- The retention purge (RetentionSchedule) takes the oldest processed event ids first, a batch at a time: without an
-- index on their age each batch would scan the whole inbox.
create index processed_event_processed_at on processed_event (processed_at);
