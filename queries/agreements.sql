-- The agreements of the recorded dialogue meetings (advisor/agreements.py),
-- newest meeting first: for the follow-up at the next meeting, the page and
-- `python -m advisor agreements`. $department: one department or null for
-- all; $departments: the user's scope (null = all).
with

recorded_meetings as (
    select meeting_id, held_on, department, half, units_present
    from meetings
),

recorded_agreements as (
    select agreement_id, meeting_id, what, unit, figure, follow_up_on, status
    from agreements
),

final as (
    select
        recorded_agreements.agreement_id,
        recorded_meetings.meeting_id,
        recorded_meetings.held_on,
        recorded_meetings.department,
        recorded_meetings.half,
        array_to_string(recorded_meetings.units_present, '; ') as units_present,
        recorded_agreements.what,
        recorded_agreements.unit,
        recorded_agreements.figure,
        recorded_agreements.follow_up_on,
        recorded_agreements.status
    from recorded_agreements
    join recorded_meetings using (meeting_id)
    where ($department is null or recorded_meetings.department = $department)
      and ($departments is null or list_contains($departments, recorded_meetings.department))
    order by recorded_meetings.held_on desc, recorded_meetings.meeting_id desc, recorded_agreements.agreement_id
)

select * from final
