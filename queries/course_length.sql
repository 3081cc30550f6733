-- How long each citizen's course in the period lasted: days from their
-- first registration to the later of their last registration and their
-- last closing, in bands.
-- derived from: citizen_courses
-- Summed over citizen_courses' registration counts for the same filters.
with

courses as (
    select band, citizens
    from citizen_courses
),

bands as (
    select band, sum(citizens)::bigint as citizens
    from courses
    group by band
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
