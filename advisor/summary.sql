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

-- Every registration under both organisation views (org_view), all or
-- egentlige only: what the summaries below are counted from.
create macro both_views(p_proper_only) as table
select 'registered' as org_view, *
from filtered_inquiries(null, null, null, null, null, p_proper_only, null, 'registered', null)
union all
select 'today' as org_view, *
from filtered_inquiries(null, null, null, null, null, p_proper_only, null, 'today', null);

-- The counts for one shape of filters: by department or all together; by one
-- unit, one type, one channel or all; egentlige only or not. A registration
-- without a value for a field a shape is by (no unit, say) belongs to no
-- value of it: a filter on that field never selects it.
create macro month_counts(p_by_department, p_by_unit, p_by_type, p_proper_only, p_by_channel) as table
with

placed as (
    select * from both_views(p_proper_only)
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
-- One statement a shape, so each shape's working memory is freed before the
-- next is counted (one statement of all of them took over 500 MB even for a
-- few thousand registrations).
--                                                    department, unit, type, egentlige, channel
create table month_summary as select * from month_counts(false, false, false, false, false);
insert into month_summary select * from month_counts(false, false, true, false, false);
insert into month_summary select * from month_counts(false, false, false, false, true);
insert into month_summary select * from month_counts(false, false, true, false, true);
insert into month_summary select * from month_counts(false, false, false, true, false);
insert into month_summary select * from month_counts(false, false, false, true, true);
insert into month_summary select * from month_counts(false, true, false, false, false);
insert into month_summary select * from month_counts(false, true, false, true, false);
insert into month_summary select * from month_counts(true, false, false, false, false);
insert into month_summary select * from month_counts(true, false, true, false, false);
insert into month_summary select * from month_counts(true, false, false, false, true);
insert into month_summary select * from month_counts(true, false, true, false, true);
insert into month_summary select * from month_counts(true, false, false, true, false);
insert into month_summary select * from month_counts(true, false, false, true, true);
insert into month_summary select * from month_counts(true, true, false, false, false);
insert into month_summary select * from month_counts(true, true, false, true, false);

-- The dialogue meeting's figures for one choice of egentlige, every department
-- and half-year: per unit as unit_figures.sql counts them for a department,
-- and for the department as a whole as key_figures.sql counts them. Each
-- half-year is counted on its own, as the meeting asks for it.
create macro half_counts(p_proper_only) as table
with

placed as (
    select * from both_views(p_proper_only)
),

selected as (
    select
        org_view, department, position, citizen_no, received_on, unit, inquiry_type, first_answer_on, meeting_on,
        caseworker_change_trouble,
        make_date(year(received_on), if(month(received_on) <= 6, 1, 7), 1) as half_start
    from placed
    where department is not null
),

firsts as (
    select org_view, department, half_start, citizen_no, arg_min(unit, position) as unit
    from selected
    group by all
),

per_citizen_unit as (
    select org_view, department, half_start, unit, citizen_no, count(*) as registrations,
        coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by all
),

per_citizen as (
    select org_view, department, half_start, citizen_no, count(*) as registrations,
        coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by all
),

unit_registrations as (
    select
        org_view, department, half_start, unit,
        count(*) as registrations,
        count(*) filter (where inquiry_type = 'Klage') as complaints,
        median(first_answer_on - received_on) as median_days_to_answer,
        median(meeting_on - received_on) as median_days_to_meeting
    from selected
    group by all
),

unit_citizens as (
    select
        org_view, department, half_start, unit,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens,
        count(*) filter (where trouble) as citizens_with_trouble
    from per_citizen_unit
    group by all
),

unit_first_contacts as (
    select org_view, department, half_start, unit, count(*) as first_contacts
    from firsts
    group by all
),

totals as (
    select
        org_view, department, half_start,
        count(*) as registrations,
        count(*) filter (where inquiry_type = 'Klage') as complaints,
        median(first_answer_on - received_on) as median_days_to_answer,
        median(meeting_on - received_on) as median_days_to_meeting
    from selected
    group by all
),

total_citizens as (
    select
        org_view, department, half_start,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens,
        count(*) filter (where trouble) as citizens_with_trouble
    from per_citizen
    group by all
),

final as (
    select
        org_view, p_proper_only as proper_only, department, half_start, false as is_total, unit,
        unit_registrations.registrations, unit_citizens.citizens,
        coalesce(unit_first_contacts.first_contacts, 0) as first_contacts, unit_registrations.complaints,
        unit_registrations.median_days_to_answer, unit_registrations.median_days_to_meeting,
        unit_citizens.repeat_citizens, unit_citizens.citizens_with_trouble
    from unit_registrations
    join unit_citizens using (org_view, department, half_start, unit)
    left join unit_first_contacts using (org_view, department, half_start, unit)
    union all
    select
        org_view, p_proper_only as proper_only, department, half_start, true as is_total, null as unit,
        totals.registrations, total_citizens.citizens, total_citizens.citizens as first_contacts, totals.complaints,
        totals.median_days_to_answer, totals.median_days_to_meeting,
        total_citizens.repeat_citizens, total_citizens.citizens_with_trouble
    from totals
    join total_citizens using (org_view, department, half_start)
)

select * from final;

create table half_summary as select * from half_counts(false);
insert into half_summary select * from half_counts(true);

-- The values the shared filters offer (filter_options.sql): every
-- combination of department, unit, type and channel in the data.
create table filter_values as
with

placed as (
    select org_view, department, unit, inquiry_type, channel
    from both_views(false)
),

final as (
    select distinct org_view, department, unit, inquiry_type, channel
    from placed
)

select * from final;
