-- Retention (issue 18): the hourly purge takes the oldest bindings and completions first, a batch at a time
-- (webhook_delivery has its index on received_at since V1).
create index connect_card_binding_updated on connect_card_binding (updated_at);
create index setup_completion_completed on setup_completion (completed_at);
