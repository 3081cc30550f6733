-- Per calendar year: citizens, and the share of them with more than one
-- registration in that year (the reports: about 33 % in 2017, 25 % in 2018).
-- Counted from the month summary when it holds the filters (advisor/
-- summarised.sql), from the registrations otherwise.
with

summarised as (
    select year(month_start) as year, sum(new_citizens)::bigint as citizens, sum(new_repeat_citizens)::bigint as repeat_citizens
    from summarised_months(null, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    group by all
    having sum(new_citizens) > 0  -- a month of the summary may hold only registrations closed
),

selected as (
    select citizen_no, received_on
    from filtered_inquiries(null, null, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    where not summary_holds(null, $department, $units, $inquiry_type, $proper_only, $channel, $departments)
),

per_citizen as (
    select year(received_on) as year, citizen_no, count(*) as registrations
    from selected
    group by all
),

counted as (
    select
        year,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens
    from per_citizen
    group by all
),

final as (
    select
        year,
        citizens,
        repeat_citizens,
        repeat_citizens / citizens as repeat_share
    from (select * from summarised union all select * from counted)
    order by year
)

select * from final
