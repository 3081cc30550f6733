-- Per department and unit: citizens, citizens asked about caseworker
-- changes, and citizens telling of trouble from a change.
with

selected as (
    select citizen_no, department, unit, caseworker_changes, caseworker_change_trouble
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

per_citizen as (
    select
        department,
        unit,
        citizen_no,
        count(caseworker_changes) > 0 as asked,
        coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by all
),

final as (
    select
        department,
        unit,
        count(*) as citizens,
        count(*) filter (where asked) as citizens_asked,
        count(*) filter (where trouble) as citizens_with_trouble
    from per_citizen
    group by all
    order by citizens_with_trouble desc, department, unit
)

select * from final
