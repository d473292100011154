-- An Idempotency-Key is the caller's own: two callers using the same key get two requests, never each other's id.
-- The column is replaced (dropping it drops its old account-wide unique constraint, whose name differs per database).
alter table onboarding_request add column client_idempotency_key varchar(200);
update onboarding_request set client_idempotency_key = idempotency_key;
alter table onboarding_request drop column idempotency_key;
create unique index onboarding_request_caller_key on onboarding_request (requested_by, client_idempotency_key);
