-- The period's citizens and how many of them had more than one registration
-- (Gentagne henvendelser's key figures: the same numbers as key_figures').
-- derived from: citizen_courses
-- Summed over citizen_courses' counts for the same filters, so the page
-- counts its citizens once (each count is a pass over a year's
-- registrations by citizen: 50-70 ms at 10M).
with

courses as (
    select registrations, citizens
    from citizen_courses
),

totals as (
    select
        coalesce(sum(citizens), 0)::bigint as citizens,
        coalesce(sum(citizens) filter (where registrations > 1), 0)::bigint as repeat_citizens
    from courses
),

final as (
    select
        citizens,
        repeat_citizens,
        repeat_citizens / nullif(citizens, 0) as repeat_share
    from totals
)

select * from final
