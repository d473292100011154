-- connector-service: one row per onboarding request, the work due on it in Fivetran, and the tables it announced.
-- Portable between PostgreSQL and H2 (MODE=PostgreSQL).

create table connector_request (
    request_id       varchar(36)   primary key,
    service          varchar(100)  not null,
    group_id         varchar(200)  not null,
    schema_name      varchar(200)  not null,
    config           text          not null,
    table_group      varchar(200)  not null,
    businesses       text          not null,
    -- PENDING -> CARD_ISSUED (create or adopt) ; CREATED -> CARD_ISSUED (a card for a known connection)
    -- CARD_ISSUED -> ACTIVATING (SetupCompleted) -> ACTIVE ; any -> FAILED
    state            varchar(20)   not null,
    connection_id    varchar(200)  unique,
    card_uri         varchar(4000),
    card_expires_at  timestamp with time zone,
    -- set when a successful sync asks for the schema config to be read (TableAdded for new tables)
    tables_due       boolean       not null default false,
    -- the worker's schedule: due when next_attempt_at <= now; null = nothing to do
    attempts         integer       not null default 0,
    next_attempt_at  timestamp with time zone,
    last_error       varchar(2000),
    version          bigint        not null default 0,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index connector_request_due on connector_request (next_attempt_at);

create table announced_table (
    request_id     varchar(36)  not null references connector_request (request_id),
    qualified_name varchar(800) not null,
    announced_at   timestamp with time zone not null,
    primary key (request_id, qualified_name)
);
