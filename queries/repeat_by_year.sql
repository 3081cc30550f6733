-- Per calendar year: citizens, and the share of them with more than one
-- registration in that year (the reports: about 33 % in 2017, 25 % in 2018).
with

selected as (
    select citizen_key, received_on
    from filtered_inquiries(null, null, $department, $units, $inquiry_type, $channel, $org_view, $departments)
),

per_citizen as (
    select year(received_on) as year, citizen_key, count(*) as registrations
    from selected
    group by all
),

final as (
    select
        year,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens,
        repeat_citizens / count(*) as repeat_share
    from per_citizen
    group by all
    order by year
)

select * from final
