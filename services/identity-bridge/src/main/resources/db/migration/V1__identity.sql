-- identity-bridge: SCIM users and groups as identity providers pushed them, their memberships, what was announced on
-- gatehouse.identity, the SCIM bearer tokens (hashed) and the HR batches already taken.

create table scim_user (
    id              varchar(36)  primary key,
    user_name       varchar(255) not null,
    -- userName is case-insensitive in SCIM (RFC 7643 caseExact false): unique in lower case.
    user_name_key   varchar(255) not null unique,
    -- The Snowflake login, upper case as the grant-service keys it: two userNames that map to one login are refused.
    login           varchar(255) not null unique,
    external_id     varchar(255),
    display_name    varchar(512),
    active          boolean      not null,
    -- The rest of the resource as the provider sent it (name, emails, extensions), never a password.
    attributes      text         not null,
    version         bigint       not null,
    created_at      timestamp    not null,
    updated_at      timestamp    not null
);
create index scim_user_external_id on scim_user (external_id);

create table scim_group (
    id              varchar(36)  primary key,
    display_name    varchar(255) not null,
    display_name_key varchar(255) not null unique,
    -- The business this group stands for (null: not a business group) and its role: two groups never fold into one.
    business        varchar(255),
    business_role   varchar(255) unique,
    external_id     varchar(255),
    version         bigint       not null,
    created_at      timestamp    not null,
    updated_at      timestamp    not null
);
create index scim_group_external_id on scim_group (external_id);

create table scim_membership (
    group_id        varchar(36)  not null references scim_group (id) on delete cascade,
    user_id         varchar(36)  not null references scim_user (id) on delete cascade,
    primary key (group_id, user_id)
);
create index scim_membership_user on scim_membership (user_id);

-- What has been published per person: the next change is the difference to it, so a repeated add emits nothing.
-- Keyed by the SCIM user id, not by a foreign key: the rows outlive a deleted user until its leaves are written.
create table announced_membership (
    user_id         varchar(36)  not null,
    login           varchar(255) not null,
    business        varchar(255) not null,
    announced_at    timestamp    not null,
    primary key (user_id, business)
);

-- One row per login: the lock every change of that person's membership takes, and the time of its last event, so
-- the events of one person leave in time order whichever instance (and clock) writes them.
create table person_clock (
    login           varchar(255) primary key,
    last_event_at   timestamp    not null
);

-- SCIM bearer tokens, stored as SHA-256 of the token: at most two live at once (rotation).
create table scim_token (
    id              varchar(36)  primary key,
    name            varchar(100) not null,
    token_sha256    varchar(64)  not null unique,
    created_by      varchar(255) not null,
    created_at      timestamp    not null,
    revoked_at      timestamp,
    last_used_at    timestamp
);

-- POST /identity-events batches by (caller, client batch id): a retry returns the first answer and publishes nothing.
create table identity_batch (
    caller          varchar(255) not null,
    batch_id        varchar(200) not null,
    fingerprint     varchar(64)  not null,
    events          int          not null,
    accepted_at     timestamp    not null,
    primary key (caller, batch_id)
);
