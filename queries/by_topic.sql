-- Registrations per topic (all registrations), with shares, most frequent first.
with

selected as (
    select topic
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

counts as (
    select coalesce(topic, 'Uden emne') as topic, count(*) as registrations
    from selected
    group by all
),

final as (
    select
        topic,
        registrations,
        registrations / sum(registrations) over () as share
    from counts
    order by registrations desc, topic
)

select * from final
