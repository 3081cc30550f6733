-- The dialogue meeting's figures per unit of one department, for each
-- half-year of the period (half_start: its first day): registrations,
-- citizens, first contacts ("1. gang"), complaints, median days to the first
-- answer and to a meeting, citizens with more than one registration,
-- citizens telling of caseworker-change trouble. Each half-year is counted on
-- its own. Whole half-years are read from the half-year summary
-- (advisor/summary.sql, counted the same way at every write): the meeting asks
-- for its three in one period. Any other period is counted here.
with

summarised as (
    select
        half_start, unit, registrations, citizens, first_contacts, complaints, median_days_to_answer,
        median_days_to_meeting, repeat_citizens, repeat_citizens / citizens as repeat_share, citizens_with_trouble
    from summarised_half($date_from, $date_to, $department, null, null, $proper_only, null, $org_view, $departments, false)
),

selected as (
    select
        position, citizen_no, received_on, unit, inquiry_type, first_answer_on, meeting_on, caseworker_change_trouble,
        make_date(year(received_on), if(month(received_on) <= 6, 1, 7), 1) as half_start
    from filtered_inquiries($date_from, $date_to, $department, null, null, $proper_only, null, $org_view, $departments)
    where not halves_hold($date_from, $date_to, $department, null, null, null, $departments)
),

firsts as (
    select half_start, citizen_no, arg_min(unit, position) as unit
    from selected
    group by half_start, citizen_no
),

per_citizen as (
    select half_start, unit, citizen_no, count(*) as registrations, coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by all
),

by_registration as (
    select
        half_start,
        unit,
        count(*) as registrations,
        count(*) filter (where inquiry_type = 'Klage') as complaints,
        median(first_answer_on - received_on) as median_days_to_answer,
        median(meeting_on - received_on) as median_days_to_meeting
    from selected
    group by half_start, unit
),

by_citizen as (
    select
        half_start,
        unit,
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens,
        count(*) filter (where trouble) as citizens_with_trouble
    from per_citizen
    group by half_start, unit
),

first_contacts as (
    select half_start, unit, count(*) as first_contacts
    from firsts
    group by half_start, unit
),

counted as (
    select
        half_start,
        unit,
        by_registration.registrations,
        by_citizen.citizens,
        coalesce(first_contacts.first_contacts, 0) as first_contacts,
        by_registration.complaints,
        by_registration.median_days_to_answer,
        by_registration.median_days_to_meeting,
        by_citizen.repeat_citizens,
        by_citizen.repeat_citizens / by_citizen.citizens as repeat_share,
        by_citizen.citizens_with_trouble
    from by_registration
    join by_citizen using (half_start, unit)
    left join first_contacts using (half_start, unit)
),

final as (
    select * from summarised
    union all
    select * from counted
    order by half_start, registrations desc, unit
)

select * from final
