-- How many citizens had 1, 2, 3 ... registrations in the period; 6 stands
-- for "6 or more".
-- derived from: citizen_courses
-- Summed over citizen_courses' bands for the same filters.
with

courses as (
    select registrations, citizens
    from citizen_courses
),

final as (
    select
        registrations,
        if(registrations = 6, '6 eller flere', registrations::varchar) as label,
        sum(citizens)::bigint as citizens
    from courses
    group by all
    order by registrations
)

select * from final
