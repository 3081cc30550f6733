-- Per calendar year: citizens, and the share of them with more than one
-- registration in that year (the reports: about 33 % in 2017, 25 % in 2018).
-- Counted from the month summary (advisor/summary.sql) when it holds the
-- filters: no units, type or channel, and no scope wider than the chosen
-- department. Otherwise from the registrations, which are then not read at all
-- (the condition on the parameters alone lets DuckDB plan no scan of them).
with

summarised as (
    select year(month_start) as year, sum(new_citizens)::bigint as citizens, sum(new_repeat_citizens)::bigint as repeat_citizens
    from month_summary
    where $units is null and $inquiry_type is null and $channel is null
        and ($departments is null or coalesce(list_contains($departments, $department), false))
        and org_view = if($org_view = 'today', 'today', 'registered')
        and if($department is null, is_total, not is_total and department = $department)
    group by all
),

selected as (
    select citizen_key, received_on
    from filtered_inquiries(null, null, $department, $units, $inquiry_type, $channel, $org_view, $departments)
    where not ($units is null and $inquiry_type is null and $channel is null
        and ($departments is null or coalesce(list_contains($departments, $department), false)))
),

per_citizen as (
    select year(received_on) as year, citizen_key, count(*) as registrations
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
