-- Registrations per calendar month: one row for every month from the first
-- registration to the last, so a month without registrations shows as 0.
with

registrations as (
    select received_on from inquiries
),

span as (
    select
        date_trunc('month', min(received_on)) as first_month,
        date_trunc('month', max(received_on)) as last_month
    from registrations
),

months as (
    select unnest(generate_series(first_month, last_month, interval 1 month))::date as month_start
    from span
),

counts as (
    select
        date_trunc('month', received_on)::date as month_start,
        count(*) as registrations
    from registrations
    group by all
),

final as (
    select
        year(months.month_start) as year,
        month(months.month_start) as month,
        coalesce(counts.registrations, 0) as registrations
    from months
    left join counts using (month_start)
    order by months.month_start
)

select * from final
