-- The dialogue meeting's registrations per topic, for each half-year of the
-- period (half_start: its first day), with their share of the half-year's
-- registrations; most frequent first within each, as by_topic counts them
-- for one half-year.
with

selected as (
    select topic, make_date(year(received_on), if(month(received_on) <= 6, 1, 7), 1) as half_start
    from filtered_inquiries($date_from, $date_to, $department, null, null, $proper_only, null, $org_view, $departments)
),

counts as (
    select half_start, coalesce(topic, 'Uden emne') as topic, count(*) as registrations
    from selected
    group by all
),

final as (
    select
        half_start,
        topic,
        registrations,
        registrations / sum(registrations) over (partition by half_start) as share
    from counts
    order by half_start, registrations desc, topic
)

select * from final
