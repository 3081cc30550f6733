-- The citizens of the period by how many registrations they had (6 stands
-- for "6 or more") and how long their course lasted (the band of days from
-- their first registration to the later of their last registration and
-- their last closing): one count of the citizens for both of Gentagne
-- henvendelser's distributions (registrations_per_citizen, course_length).
with

selected as (
    select citizen_no, received_on, closed_on
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

per_citizen as (
    select
        citizen_no,
        least(count(*), 6) as registrations,
        max(greatest(received_on, closed_on)) - min(received_on) as days  -- greatest() passes over a missing closing
    from selected
    group by citizen_no
),

final as (
    select
        registrations,
        case
            when days <= 7 then 1
            when days <= 30 then 2
            when days <= 90 then 3
            when days <= 180 then 4
            else 5
        end as band,
        count(*) as citizens
    from per_citizen
    group by all
    order by registrations, band
)

select * from final
