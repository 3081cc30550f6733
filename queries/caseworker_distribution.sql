-- Citizens asked about caseworker changes, by the number of changes in the
-- last 12 months they reported (the most they reported in the period);
-- 5 stands for "5 or more".
with

selected as (
    select citizen_no, caseworker_changes
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
    where caseworker_changes is not null
),

per_citizen as (
    select citizen_no, least(max(caseworker_changes), 5) as changes
    from selected
    group by citizen_no
),

final as (
    select
        changes,
        if(changes = 5, '5 eller flere', changes::varchar) as label,
        count(*) as citizens
    from per_citizen
    group by all
    order by changes
)

select * from final
