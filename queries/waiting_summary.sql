-- Waiting times of the period: calendar days from receipt to the first
-- answer and to a meeting (median and 90th percentile), and the share of
-- answered registrations answered within $target_days working days
-- (Monday-Friday except Danish public holidays).
with

selected as (
    select days_to_answer, working_days_to_answer, days_to_meeting
    from waiting_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

final as (
    select
        count(*) as registrations,
        count(days_to_answer) as answered,
        median(days_to_answer) as median_days_to_answer,
        quantile_disc(days_to_answer, 0.9) as p90_days_to_answer,
        avg((working_days_to_answer <= $target_days)::int) as answered_within_target_share,
        count(days_to_meeting) as meetings,
        median(days_to_meeting) as median_days_to_meeting,
        quantile_disc(days_to_meeting, 0.9) as p90_days_to_meeting
    from selected
)

select * from final
