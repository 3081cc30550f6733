-- Waiting times per month of receipt over the period (see waiting_summary).
with

selected as (
    select received_on, days_to_answer, working_days_to_answer, days_to_meeting
    from waiting_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

final as (
    select
        date_trunc('month', received_on)::date as month_start,
        count(*) as registrations,
        median(days_to_answer) as median_days_to_answer,
        quantile_disc(days_to_answer, 0.9) as p90_days_to_answer,
        avg((working_days_to_answer <= $target_days)::int) as answered_within_target_share,
        median(days_to_meeting) as median_days_to_meeting
    from selected
    group by all
    order by month_start
)

select * from final
