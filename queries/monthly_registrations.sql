-- Registrations and new citizens per calendar month, with the same month a
-- year before. Months run from the period's first to its last (all time
-- when no period is given), clipped to the months the office has data for;
-- a month without registrations counts 0. A new citizen is counted in the
-- month of their first registration in that calendar year, as the annual
-- reports count them.
-- Counted from the month summary when it holds the filters (advisor/
-- summarised.sql), from the registrations otherwise.
with

summarised as (
    select month_start, registrations, new_citizens
    from summarised_months($date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    where $date_from is null or month_start >= make_date(year($date_from::date) - 1, 1, 1)
),

selected as (
    select citizen_no, received_on
    from filtered_inquiries(make_date(year($date_from::date) - 1, 1, 1), $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    where not summary_holds($date_to, $department, $units, $inquiry_type, $proper_only, $channel, $departments)
),

office as (
    select
        date_trunc('month', min(received_on))::date as first_month,
        date_trunc('month', max(received_on))::date as last_month
    from inquiries
),

months as (
    select unnest(generate_series(
        greatest(first_month, date_trunc('month', $date_from::date)),
        least(last_month, date_trunc('month', $date_to::date)),
        interval 1 month
    ))::date as month_start
    from office
),

counted_registrations as (
    select
        date_trunc('month', received_on)::date as month_start,
        count(*) as registrations
    from selected
    group by all
),

first_of_year as (
    select
        citizen_no,
        year(received_on) as year,
        min(received_on) as first_on
    from selected
    group by all
),

counted_new_citizens as (
    select
        date_trunc('month', first_on)::date as month_start,
        count(*) as new_citizens
    from first_of_year
    group by all
),

registrations as (
    select month_start, registrations from summarised
    union all
    select * from counted_registrations
),

new_citizens as (
    select month_start, new_citizens from summarised
    union all
    select * from counted_new_citizens
),

final as (
    select
        months.month_start,
        year(months.month_start) as year,
        month(months.month_start) as month,
        coalesce(registrations.registrations, 0) as registrations,
        coalesce(new_citizens.new_citizens, 0) as new_citizens,
        if(
            months.month_start - interval 1 year >= office.first_month,
            coalesce(year_before.registrations, 0),
            null
        ) as registrations_year_before,
        coalesce(registrations.registrations, 0) - registrations_year_before as change_from_year_before
    from months
    cross join office
    left join registrations using (month_start)
    left join new_citizens using (month_start)
    left join registrations as year_before
        on year_before.month_start = months.month_start - interval 1 year
    order by months.month_start
)

select * from final
