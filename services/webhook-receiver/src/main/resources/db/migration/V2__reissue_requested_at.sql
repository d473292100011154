-- When the owner link last asked for a fresh Connect Card (ConnectCardRequested) for the binding's card: a fresh
-- card is asked for at most once per issued card and gatehouse.connect-card.open.reissue-interval.
alter table connect_card_binding add column reissue_requested_at timestamp with time zone;
