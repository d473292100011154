-- webhook-receiver's own tables. Portable between PostgreSQL and H2 (MODE=PostgreSQL).

-- One row per Fivetran webhook delivery accepted (signature verified), written in the same transaction as the
-- outbox row it caused: a retried delivery (same bytes, same key) finds the row and publishes nothing.
create table webhook_delivery (
    delivery_key  varchar(64)  primary key,
    event         varchar(100) not null,
    connection_id varchar(200),
    outcome       varchar(20)  not null,
    received_at   timestamp with time zone not null
);
create index webhook_delivery_received on webhook_delivery (received_at);

-- Which Fivetran connection an onboarding request's Connect Card belongs to, learnt from ConnectCardIssued.
-- A reissued card replaces the row.
create table connect_card_binding (
    request_id       varchar(64)   primary key,
    connection_id    varchar(200)  not null,
    connect_card_uri varchar(4000) not null,
    expires_at       timestamp with time zone,
    issued_at        timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);

-- SetupCompleted goes out once per request: the row and the outbox row commit together, and the key refuses a second.
create table setup_completion (
    request_id    varchar(64)  primary key,
    connection_id varchar(200) not null,
    event_id      varchar(36),
    completed_at  timestamp with time zone not null
);
