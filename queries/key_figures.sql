-- The headline figures of a period: registrations, citizens, new citizens
-- per month, share of citizens with more than one registration, complaints,
-- median days to the first answer, citizens telling of trouble from
-- caseworker changes.
with

selected as (
    select citizen_no, received_on, inquiry_type, first_answer_on, caseworker_change_trouble
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
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

final as (
    select
        by_registration.registrations,
        by_citizen.citizens,
        by_citizen.citizens / period_months.months as new_citizens_per_month,
        by_citizen.repeat_citizens,
        by_citizen.repeat_citizens / nullif(by_citizen.citizens, 0) as repeat_share,
        by_registration.complaints,
        by_registration.median_days_to_answer,
        by_citizen.citizens_with_trouble,
        period_months.months
    from by_registration
    cross join by_citizen
    cross join period_months
)

select * from final
