-- Retention (issue 18): the hourly purge takes the oldest timeline entries first, a batch at a time. Whether an entry is
-- its request's latest is answered by timeline_entry_request (request_id, occurred_at, id) from V1.
create index timeline_entry_occurred on timeline_entry (occurred_at);
