-- The headline figures of a period: registrations, citizens, new citizens
-- per month, share of citizens with more than one registration, complaints,
-- median days to the first answer, citizens telling of trouble from
-- caseworker changes. A department's whole half-year is read from the
-- half-year summary (advisor/summary.sql, counted the same way at every
-- write); anything else is counted here. (The dialogue meeting asks
-- half_key_figures for its three half-years at once.)
with

summarised as (
    select registrations, citizens, repeat_citizens, complaints, median_days_to_answer, citizens_with_trouble
    from summarised_half($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments, true)
    where half_holds($date_from, $date_to, $department, $units, $inquiry_type, $channel, $departments)
),

selected as (
    select citizen_no, received_on, inquiry_type, first_answer_on, caseworker_change_trouble
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    where not half_holds($date_from, $date_to, $department, $units, $inquiry_type, $channel, $departments)
),

office as (
    select
        date_trunc('month', min(received_on))::date as first_month,
        date_trunc('month', max(received_on))::date as last_month
    from inquiries
),

period_months as (
    select greatest(1, date_diff(
        'month',
        greatest(first_month, date_trunc('month', $date_from::date)),
        least(last_month, date_trunc('month', $date_to::date))
    ) + 1) as months
    from office
),

citizens as (
    select
        citizen_no,
        count(*) as registrations,
        coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by citizen_no
),

by_citizen as (
    select
        count(*) as citizens,
        count(*) filter (where registrations > 1) as repeat_citizens,
        count(*) filter (where trouble) as citizens_with_trouble
    from citizens
),

by_registration as (
    select
        count(*) as registrations,
        count(*) filter (where inquiry_type = 'Klage') as complaints,
        median(first_answer_on - received_on) as median_days_to_answer
    from selected
),

counted as (
    select
        by_registration.registrations,
        by_citizen.citizens,
        by_citizen.repeat_citizens,
        by_registration.complaints,
        by_registration.median_days_to_answer,
        by_citizen.citizens_with_trouble
    from by_registration
    cross join by_citizen
    -- A half-year the summary holds but has no row for had no registrations: zeros, counted from none.
    where not half_holds($date_from, $date_to, $department, $units, $inquiry_type, $channel, $departments)
        or not exists (select 1 from summarised)
),

figures as (
    select * from summarised
    union all
    select * from counted
),

final as (
    select
        figures.registrations,
        figures.citizens,
        figures.citizens / period_months.months as new_citizens_per_month,
        figures.repeat_citizens,
        figures.repeat_citizens / nullif(figures.citizens, 0) as repeat_share,
        figures.complaints,
        figures.median_days_to_answer,
        figures.citizens_with_trouble,
        period_months.months
    from figures
    cross join period_months
)

select * from final
