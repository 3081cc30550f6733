-- Registrations still open (received, not closed) at the end of each month
-- of the period. Counted as every registration opened minus every one
-- closed up to that month, so registrations received before the period
-- count too (the import refuses a registration closed before it was received).
-- Counted from the month summary when it holds the filters (advisor/
-- summarised.sql), from the registrations otherwise.
with

summarised as (
    select month_start, registrations as opened, closed
    from summarised_months($date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

selected as (
    select received_on, closed_on
    from filtered_inquiries(null, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    where not summary_holds($date_to, $department, $units, $inquiry_type, $proper_only, $channel, $departments)
),

office as (
    select date_trunc('month', min(received_on))::date as first_month from inquiries
),

months as (
    select unnest(generate_series(first_month, date_trunc('month', $date_to::date), interval 1 month))::date as month_start
    from office
),

counted_opened as (
    select date_trunc('month', received_on)::date as month_start, count(*) as opened
    from selected
    group by all
),

counted_closed as (
    select date_trunc('month', closed_on)::date as month_start, count(*) as closed
    from selected
    where closed_on is not null
    group by all
),

opened as (
    select month_start, opened from summarised
    union all
    select * from counted_opened
),

closed as (
    select month_start, closed from summarised
    union all
    select * from counted_closed
),

running as (
    select
        months.month_start,
        sum(coalesce(opened.opened, 0) - coalesce(closed.closed, 0)) over (order by months.month_start)::bigint as open_at_month_end
    from months
    left join opened using (month_start)
    left join closed using (month_start)
),

final as (
    select month_start, last_day(month_start) as month_end, open_at_month_end
    from running
    where month_start >= date_trunc('month', $date_from::date)
    order by month_end
)

select * from final
