-- The owner link of the latest ConnectCardIssued: Gatehouse's own URL that sends the owner on to the current Connect
-- Card and has a fresh one issued when it expired (webhook-receiver's /connect-card/open).
alter table onboarding_request add column owner_link varchar(4000);
