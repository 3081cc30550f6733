-- Caseworker changes per department (as registered, or as organised today):
-- citizens asked about caseworker changes, and citizens telling of trouble
-- from a change, each citizen counted once per department. For the annual
-- report's section on caseworker changes.
with

selected as (
    select citizen_no, department, caseworker_changes, caseworker_change_trouble
    from filtered_inquiries($date_from, $date_to, null, null, null, $proper_only, null, $org_view, $departments)
),

per_citizen as (
    select
        department,
        citizen_no,
        bool_or(caseworker_changes is not null) as asked,
        coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by department, citizen_no
),

final as (
    select
        department,
        count(*) filter (where asked) as citizens_asked,
        count(*) filter (where trouble) as citizens_with_trouble
    from per_citizen
    group by department
    order by citizens_asked desc, department
)

select * from final
