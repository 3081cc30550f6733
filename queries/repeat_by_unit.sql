-- Per department and unit: citizens with a registration there in the
-- period, and those with two or more registrations there.
with

selected as (
    select citizen_no, department, unit
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

per_citizen as (
    select department, unit, citizen_no, count(*) as registrations
    from selected
    group by all
),

final as (
    select
        department,
        unit,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens,
        repeat_citizens / count(*) as repeat_share
    from per_citizen
    group by all
    order by department, unit
)

select * from final
