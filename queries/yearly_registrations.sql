-- Registrations and citizens per year, and monthly averages over the months
-- the office was open (from its first registration's month to its last's),
-- as in the annual reports: 2014 opened in May, so 258 / 8 = 32,25.
-- Counted from the month summary when it holds the filters (advisor/
-- summarised.sql), from the registrations otherwise.
with

summarised as (
    select year(month_start) as year, sum(registrations)::bigint as registrations, sum(new_citizens)::bigint as citizens
    from summarised_months(null, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    group by all
    having sum(registrations) > 0  -- a month of the summary may hold only registrations closed
),

counted as (
    select year(received_on) as year, count(*) as registrations, count(distinct citizen_no) as citizens
    from filtered_inquiries(null, null, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    where not summary_holds(null, $department, $units, $inquiry_type, $proper_only, $channel, $departments)
    group by all
),

office as (
    select
        date_trunc('month', min(received_on))::date as first_month,
        date_trunc('month', max(received_on))::date as last_month
    from inquiries
),

years as (
    select * from summarised
    union all
    select * from counted
),

final as (
    select
        years.year,
        years.registrations,
        years.citizens,
        date_diff(
            'month',
            greatest(make_date(years.year, 1, 1), office.first_month),
            least(make_date(years.year, 12, 1), office.last_month)
        ) + 1 as months_open,
        years.registrations / months_open as monthly_average,
        years.citizens / months_open as new_citizens_per_month
    from years
    cross join office
    order by years.year
)

select * from final
