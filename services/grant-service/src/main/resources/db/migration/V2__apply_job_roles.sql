-- An apply job's roles become rows of their own instead of a comma-joined column. role_index keeps the order the
-- job named them in: the plan lists statements of earlier roles first.
create table apply_job_role (
    job_id     bigint       not null references apply_job (id),
    role_index int          not null,
    role_name  varchar(255) not null,
    primary key (job_id, role_index)
);

-- Every job keeps its roles (pending and parked ones still run, done ones stay readable). Role names carry only
-- A-Z, 0-9 and _ (RoleNames), so a comma always separates two of them. Split with a recursive query, which
-- PostgreSQL and H2 (MODE=PostgreSQL) both run: each step takes the name before the first comma of what is left.
insert into apply_job_role (job_id, role_index, role_name)
with recursive split (job_id, role_index, role_name, rest) as (
    select id, -1, cast(null as varchar(255)), cast(roles || ',' as varchar) from apply_job
    union all
    select job_id, role_index + 1,
           cast(substring(rest from 1 for position(',' in rest) - 1) as varchar(255)),
           cast(substring(rest from position(',' in rest) + 1) as varchar)
    from split
    where rest <> ''
)
select job_id, role_index, role_name from split where role_index >= 0;

alter table apply_job drop column roles;
