-- One active outbox relay per service across its instances: the relay that holds the lease publishes, the others stand
-- by. holder = the instance (random id per process and host name), token = raised on every takeover, so a relay that
-- lost its lease cannot mark rows any more (its token is stale), lease_until = when the others may take it over.
create table relay_lease (
    name        varchar(200) primary key,
    holder      varchar(300),
    token       bigint       not null default 0,
    lease_until timestamp with time zone
);
