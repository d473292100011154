-- An outbox row the broker refuses for good (too large for the topic, invalid topic) is parked after a few attempts,
-- for an operator, instead of being retried every second forever. An outage of the broker never parks a row.
alter table outbox_event add column parked_at timestamp with time zone;
