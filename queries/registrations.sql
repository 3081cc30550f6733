-- The pseudonymised registrations behind the figures (the adviser only),
-- newest first, at most $max_rows of them.
with

selected as (
    select *
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

final as (
    select
        inquiry_id, citizen_key, received_on, channel, department, unit, inquiry_type, topic,
        first_answer_on, meeting_on, closed_on, caseworker_changes, caseworker_change_trouble,
        count(*) over () as matching
    from selected
    order by position desc
    limit $max_rows
)

select * from final
