-- Run after connect.sql. Per calendar year: registrations, citizens, and
-- citizens with more than one registration in the year, for every department
-- and for all departments together (is_total), under both organisation views.
-- The data cannot change under a connection, so this is counted once when it
-- opens. The year tables count every year; without this, each click that
-- changes the department would count every registration ever made again
-- (about a second at 10 million). yearly_registrations.sql and
-- repeat_by_year.sql use it when the filters are ones it holds, and count
-- the registrations otherwise.
create table year_summary as
with

per_citizen as (
    select 'registered' as org_view, department, year(received_on) as year, citizen_key, count(*) as registrations
    from filtered_inquiries(null, null, null, null, null, null, 'registered', null)
    group by all
    union all
    select 'today' as org_view, department, year(received_on) as year, citizen_key, count(*) as registrations
    from filtered_inquiries(null, null, null, null, null, null, 'today', null)
    group by all
),

by_department as (
    select
        org_view,
        false as is_total,
        department,
        year,
        sum(registrations)::bigint as registrations,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens
    from per_citizen
    group by all
),

per_citizen_all as (
    select org_view, year, citizen_key, sum(registrations)::bigint as registrations
    from per_citizen
    group by all
),

all_departments as (
    select
        org_view,
        true as is_total,
        null as department,
        year,
        sum(registrations)::bigint as registrations,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens
    from per_citizen_all
    group by all
),

final as (
    select * from by_department
    union all
    select * from all_departments
)

select * from final
