-- Run after connect.sql. Per calendar month, for every department and for all
-- departments together (is_total), under both organisation views:
-- registrations; new citizens (whose first registration of the calendar year
-- is in the month, as the annual reports count them); and the new citizens
-- who have more than one registration in that year. Summed over a year's
-- months, the last two are the year's citizens and repeat citizens.
-- The month and year tables count every year; without this, each click that
-- changes the department would count every registration ever made again
-- (0,6-0,9 s a query at 10 million). Every write stores it in the database
-- (db.store_summary); a reader that finds the stored one stale counts it here.
-- monthly_registrations.sql, yearly_registrations.sql and repeat_by_year.sql
-- use it when the filters are ones it holds, and count the registrations
-- otherwise.
create table month_summary as
with

placed as (
    select 'registered' as org_view, department, received_on, citizen_key
    from filtered_inquiries(null, null, null, null, null, null, null, 'registered', null)
    union all
    select 'today' as org_view, department, received_on, citizen_key
    from filtered_inquiries(null, null, null, null, null, null, null, 'today', null)
),

per_citizen as (
    select org_view, department, year(received_on) as year, citizen_key,
        count(*) as registrations, min(received_on) as first_on
    from placed
    group by all
),

per_citizen_all as (
    select org_view, year, citizen_key, sum(registrations) as registrations, min(first_on) as first_on
    from per_citizen
    group by all
),

registrations as (
    select org_view, department, date_trunc('month', received_on)::date as month_start, count(*) as registrations
    from placed
    group by all
),

new_citizens as (
    select org_view, false as is_total, department, date_trunc('month', first_on)::date as month_start,
        count(*) as new_citizens, count(*) filter (where registrations > 1) as new_repeat_citizens
    from per_citizen
    group by all
    union all
    select org_view, true as is_total, null as department, date_trunc('month', first_on)::date as month_start,
        count(*) as new_citizens, count(*) filter (where registrations > 1) as new_repeat_citizens
    from per_citizen_all
    group by all
),

all_registrations as (
    select org_view, false as is_total, department, month_start, registrations
    from registrations
    union all
    select org_view, true as is_total, null as department, month_start, sum(registrations)::bigint as registrations
    from registrations
    group by all
),

final as (
    select
        all_registrations.org_view,
        all_registrations.is_total,
        all_registrations.department,
        all_registrations.month_start,
        all_registrations.registrations,
        coalesce(new_citizens.new_citizens, 0) as new_citizens,
        coalesce(new_citizens.new_repeat_citizens, 0) as new_repeat_citizens
    from all_registrations
    left join new_citizens
        on new_citizens.org_view = all_registrations.org_view
        and new_citizens.is_total = all_registrations.is_total
        and new_citizens.department is not distinct from all_registrations.department
        and new_citizens.month_start = all_registrations.month_start
)

select * from final
