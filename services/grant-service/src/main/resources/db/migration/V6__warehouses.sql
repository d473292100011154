-- Warehouses the platform team gives a business (its public role) and a shared schema (its role): Gatehouse grants
-- USAGE on them and points members' DEFAULT_WAREHOUSE at one; it never creates or drops a warehouse.
create table business_warehouse (
    business  varchar(255) primary key,
    warehouse varchar(255) not null
);
alter table shared_schema add column warehouse varchar(255);
