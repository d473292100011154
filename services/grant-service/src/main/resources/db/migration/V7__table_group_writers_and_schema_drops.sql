-- Writers of a table group (issue 14): users the platform team named through admin REST; they alone hold the group's
-- write role (GH_TG_<GROUP>_WRITE). Never through a business.
create table table_group_writer (
    table_group varchar(255) not null,
    login       varchar(255) not null,
    primary key (table_group, login)
);
create index table_group_writer_login on table_group_writer (login);

-- A deleted shared schema whose schema the platform team asked to drop along with its role (DELETE ?dropSchema=true).
-- Kept after the drop (harmless: the role's ledger is empty then); a new declaration of the schema removes it.
create table schema_drop (
    database_name varchar(255) not null,
    schema_name   varchar(255) not null,
    primary key (database_name, schema_name)
);
