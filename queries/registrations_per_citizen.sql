-- How many citizens had 1, 2, 3 ... registrations in the period; 6 stands
-- for "6 or more".
with

selected as (
    select citizen_no
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

per_citizen as (
    select citizen_no, least(count(*), 6) as registrations
    from selected
    group by citizen_no
),

final as (
    select
        registrations,
        if(registrations = 6, '6 eller flere', registrations::varchar) as label,
        count(*) as citizens
    from per_citizen
    group by all
    order by registrations
)

select * from final
