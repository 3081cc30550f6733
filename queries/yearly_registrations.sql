-- Registrations per year and the monthly average over the months the office
-- was open (from the first registration's month to the last's), as in the
-- annual reports: 2014 opened in May, so its average is 258 / 8 = 32,25.
with

registrations as (
    select received_on from inquiries
),

span as (
    select
        date_trunc('month', min(received_on))::date as first_month,
        date_trunc('month', max(received_on))::date as last_month
    from registrations
),

years as (
    select
        year(received_on) as year,
        count(*) as registrations
    from registrations
    group by all
),

final as (
    select
        years.year,
        years.registrations,
        date_diff(
            'month',
            greatest(make_date(years.year, 1, 1), span.first_month),
            least(make_date(years.year, 12, 1), span.last_month)
        ) + 1 as months_open,
        years.registrations / months_open as monthly_average
    from years
    cross join span
    order by years.year
)

select * from final
