-- Run after connect.sql. Per calendar month, for each combination of filters
-- below, under both organisation views: registrations; registrations closed;
-- new citizens (whose first registration of the calendar year is in the
-- month, as the annual reports count them); and the new citizens who have
-- more than one registration in that year. Summed over a year's months, the
-- last two are the year's citizens and repeat citizens, and registrations
-- less those closed, summed up to a month, are the registrations open at its end.
-- The month and year tables count every year; without this, each click that
-- changes a filter would count every registration ever made again (0,1-0,9 s
-- a query at 10 million). Every write stores it in the database
-- (db.store_summary); a reader that finds the stored one stale counts it here.
-- monthly_registrations.sql, yearly_registrations.sql, repeat_by_year.sql and
-- open_at_month_end.sql use it when the filters are ones it holds
-- (summarised.sql), and count the registrations otherwise.

-- The counts for one shape of filters: by department or all together; by one
-- unit, one type, one channel or all; egentlige only or not. A registration
-- without a value for a field a shape is by (no unit, say) belongs to no
-- value of it: a filter on that field never selects it.
create macro month_counts(p_by_department, p_by_unit, p_by_type, p_proper_only, p_by_channel) as table
with

placed as (
    select 'registered' as org_view, *
    from filtered_inquiries(null, null, null, null, null, p_proper_only, null, 'registered', null)
    union all
    select 'today' as org_view, *
    from filtered_inquiries(null, null, null, null, null, p_proper_only, null, 'today', null)
),

scoped as (
    select
        org_view,
        not p_by_department as is_total,
        if(p_by_department, department, null) as department,
        if(p_by_unit, unit, null) as unit,
        if(p_by_type, inquiry_type, null) as inquiry_type,
        p_proper_only as proper_only,
        if(p_by_channel, channel, null) as channel,
        received_on,
        closed_on,
        citizen_no
    from placed
    where (not p_by_department or department is not null)
        and (not p_by_unit or unit is not null)
        and (not p_by_type or inquiry_type is not null)
        and (not p_by_channel or channel is not null)
),

per_citizen as (
    select
        org_view, is_total, department, unit, inquiry_type, proper_only, channel, year(received_on) as year, citizen_no,
        count(*) as registrations,
        min(received_on) as first_on
    from scoped
    group by all
),

counts as (
    select
        org_view, is_total, department, unit, inquiry_type, proper_only, channel,
        date_trunc('month', received_on)::date as month_start,
        count(*) as registrations, 0 as closed, 0 as new_citizens, 0 as new_repeat_citizens
    from scoped
    group by all
    union all
    select
        org_view, is_total, department, unit, inquiry_type, proper_only, channel,
        date_trunc('month', closed_on)::date as month_start,
        0 as registrations, count(*) as closed, 0 as new_citizens, 0 as new_repeat_citizens
    from scoped
    where closed_on is not null
    group by all
    union all
    select
        org_view, is_total, department, unit, inquiry_type, proper_only, channel,
        date_trunc('month', first_on)::date as month_start,
        0 as registrations, 0 as closed, count(*) as new_citizens, count(*) filter (where registrations > 1) as new_repeat_citizens
    from per_citizen
    group by all
),

final as (
    select
        org_view, is_total, department, unit, inquiry_type, proper_only, channel, month_start,
        sum(registrations)::bigint as registrations,
        sum(closed)::bigint as closed,
        sum(new_citizens)::bigint as new_citizens,
        sum(new_repeat_citizens)::bigint as new_repeat_citizens
    from counts
    group by all
)

select * from final;

-- The shapes held, each for all departments and for each department: no
-- filter, a type, a channel, a type and a channel, egentlige only, egentlige
-- and a channel; one unit, one unit egentlige only. Any other choice (two or
-- more units, a unit with a type or channel) is counted from the registrations.
create table month_summary as
with

shapes as (
    --                      department, unit, type, egentlige, channel
    select * from month_counts(false, false, false, false, false)
    union all select * from month_counts(false, false, true, false, false)
    union all select * from month_counts(false, false, false, false, true)
    union all select * from month_counts(false, false, true, false, true)
    union all select * from month_counts(false, false, false, true, false)
    union all select * from month_counts(false, false, false, true, true)
    union all select * from month_counts(false, true, false, false, false)
    union all select * from month_counts(false, true, false, true, false)
    union all select * from month_counts(true, false, false, false, false)
    union all select * from month_counts(true, false, true, false, false)
    union all select * from month_counts(true, false, false, false, true)
    union all select * from month_counts(true, false, true, false, true)
    union all select * from month_counts(true, false, false, true, false)
    union all select * from month_counts(true, false, false, true, true)
    union all select * from month_counts(true, true, false, false, false)
    union all select * from month_counts(true, true, false, true, false)
),

final as (
    select * from shapes
    order by org_view, is_total, department, unit, inquiry_type, proper_only, channel, month_start
)

select * from final;

-- The values the shared filters offer (filter_options.sql): every
-- combination of department, unit, type and channel in the data.
create table filter_values as
with

placed as (
    select 'registered' as org_view, department, unit, inquiry_type, channel
    from filtered_inquiries(null, null, null, null, null, null, null, 'registered', null)
    union all
    select 'today' as org_view, department, unit, inquiry_type, channel
    from filtered_inquiries(null, null, null, null, null, null, null, 'today', null)
),

final as (
    select distinct org_view, department, unit, inquiry_type, channel
    from placed
)

select * from final;
