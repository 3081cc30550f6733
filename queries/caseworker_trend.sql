-- Per month of the period: citizens asked about caseworker changes and
-- citizens telling of trouble from a change (a citizen counts once a month).
with

selected as (
    select citizen_no, received_on, caseworker_changes, caseworker_change_trouble
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    -- Only registrations that say something about changes count here.
    where caseworker_changes is not null or caseworker_change_trouble
),

months as (
    select unnest(generate_series(
        date_trunc('month', $date_from::date), date_trunc('month', $date_to::date), interval 1 month
    ))::date as month_start
),

counts as (
    select
        date_trunc('month', received_on)::date as month_start,
        count(distinct citizen_no) filter (where caseworker_changes is not null) as citizens_asked,
        count(distinct citizen_no) filter (where caseworker_change_trouble) as citizens_with_trouble
    from selected
    group by all
),

final as (
    select
        months.month_start,
        coalesce(counts.citizens_asked, 0) as citizens_asked,
        coalesce(counts.citizens_with_trouble, 0) as citizens_with_trouble
    from months
    left join counts using (month_start)
    order by months.month_start
)

select * from final
