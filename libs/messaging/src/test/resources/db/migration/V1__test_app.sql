create table test_note (
    id   varchar(64) primary key,
    body varchar(200) not null
);
create table test_applied (
    event_id varchar(64) not null,
    user_id  varchar(64) not null
);
