-- The dialogue meeting's headline figures of a department, for each half-year
-- of the period (half_start: its first day), as key_figures counts them for
-- one half-year: registrations, citizens, citizens with more than one
-- registration and their share, complaints, median days to the first answer,
-- citizens telling of caseworker-change trouble. A half-year without
-- registrations has zeros. Whole half-years are read from the half-year
-- summary (advisor/summary.sql, counted the same way at every write): the
-- meeting asks for its three in one period. Any other period is counted here.
with

halves as (
    select unnest(generate_series(
        make_date(year($date_from::date), if(month($date_from::date) <= 6, 1, 7), 1), $date_to::date, interval 6 month
    ))::date as half_start
),

summarised as (
    select half_start, registrations, citizens, repeat_citizens, complaints, median_days_to_answer, citizens_with_trouble
    from summarised_half($date_from, $date_to, $department, null, null, $proper_only, null, $org_view, $departments, true)
),

selected as (
    select
        citizen_no, received_on, inquiry_type, first_answer_on, caseworker_change_trouble,
        make_date(year(received_on), if(month(received_on) <= 6, 1, 7), 1) as half_start
    from filtered_inquiries($date_from, $date_to, $department, null, null, $proper_only, null, $org_view, $departments)
    where not halves_hold($date_from, $date_to, $department, null, null, null, $departments)
),

per_citizen as (
    select half_start, citizen_no, count(*) as registrations, coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by half_start, citizen_no
),

by_citizen as (
    select
        half_start,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens,
        count(*) filter (where trouble) as citizens_with_trouble
    from per_citizen
    group by half_start
),

by_registration as (
    select
        half_start,
        count(*) as registrations,
        count(*) filter (where inquiry_type = 'Klage') as complaints,
        median(first_answer_on - received_on) as median_days_to_answer
    from selected
    group by half_start
),

counted as (
    select
        half_start,
        by_registration.registrations,
        by_citizen.citizens,
        by_citizen.repeat_citizens,
        by_registration.complaints,
        by_registration.median_days_to_answer,
        by_citizen.citizens_with_trouble
    from by_registration
    join by_citizen using (half_start)
),

figures as (
    select * from summarised
    union all
    select * from counted
),

final as (
    select
        halves.half_start,
        coalesce(figures.registrations, 0) as registrations,
        coalesce(figures.citizens, 0) as citizens,
        coalesce(figures.repeat_citizens, 0) as repeat_citizens,
        figures.repeat_citizens / nullif(figures.citizens, 0) as repeat_share,
        coalesce(figures.complaints, 0) as complaints,
        figures.median_days_to_answer,
        coalesce(figures.citizens_with_trouble, 0) as citizens_with_trouble
    from halves
    left join figures using (half_start)
    order by halves.half_start
)

select * from final
