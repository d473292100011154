-- A job whose user Snowflake does not know yet (SCIM provisioning lags the HR event) waits in status WAITING_FOR_USER
-- (16 characters: fits status varchar(16)) with its own back-off, never using up attempts (README, "When things fail").
-- waiting_since starts the wait (its horizon counts from there; kept when it parks, for operators); user_waits counts
-- its tries and sets the back-off.
alter table apply_job add column waiting_since timestamp;
alter table apply_job add column user_waits int default 0 not null;
