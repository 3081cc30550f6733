-- How long each citizen's course in the period lasted: days from their
-- first registration to the later of their last registration and their
-- last closing, in bands.
with

selected as (
    select citizen_no, received_on, closed_on
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

courses as (
    select
        citizen_no,
        greatest(max(received_on), coalesce(max(closed_on), max(received_on))) - min(received_on) as days
    from selected
    group by citizen_no
),

bands as (
    select
        case
            when days <= 7 then 1
            when days <= 30 then 2
            when days <= 90 then 3
            when days <= 180 then 4
            else 5
        end as band,
        count(*) as citizens
    from courses
    group by all
),

final as (
    select
        band,
        ['0–7 dage', '8–30 dage', '31–90 dage', '91–180 dage', 'Over 180 dage'][band] as course_length,
        citizens
    from bands
    order by band
)

select * from final
