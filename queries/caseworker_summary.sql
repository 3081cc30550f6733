-- Caseworker changes in the period: citizens, citizens asked about
-- caseworker changes (a number recorded), citizens telling of trouble from
-- a change, and registrations with the topic Sagsbehandlerskift.
with

selected as (
    select citizen_no, topic, caseworker_changes, caseworker_change_trouble
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

per_citizen as (
    select
        citizen_no,
        max(caseworker_changes) as most_changes,
        coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by citizen_no
),

final as (
    select
        count(*) as citizens,
        count(most_changes) as citizens_asked,
        count(*) filter (where trouble) as citizens_with_trouble,
        citizens_with_trouble / nullif(count(*), 0) as trouble_share,
        median(most_changes) as median_changes,
        (select count(*) from selected where topic = 'Sagsbehandlerskift') as registrations_about_caseworker_change
    from per_citizen
)

select * from final
