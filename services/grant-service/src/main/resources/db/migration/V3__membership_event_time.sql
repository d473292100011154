-- Membership is ordered by event time per (login, business): a late or replayed Join after a Leave must not grant
-- again. A Leave now keeps its row as a tombstone (member = false) so its time survives; changed_at is the event time
-- of the last change applied to the pair (null on rows from before: any event may change them).
alter table membership add column member boolean default true not null;
alter table membership add column changed_at timestamp;
