-- Per department and unit: citizens, citizens asked about caseworker
-- changes, and citizens telling of trouble from a change. Counted per
-- unit_no, the department and unit as a number (order.sql), as
-- repeat_by_unit.sql counts.
with

selected as (
    select citizen_no, unit_no, department, unit, caseworker_changes, caseworker_change_trouble
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

units as (
    -- One department and unit for each number.
    select unit_no, any_value(department) as department, any_value(unit) as unit
    from selected
    group by unit_no
),

per_citizen as (
    select
        unit_no,
        citizen_no,
        count(caseworker_changes) > 0 as asked,
        coalesce(bool_or(caseworker_change_trouble), false) as trouble
    from selected
    group by all
),

counted as (
    select
        unit_no,
        count(*) as citizens,
        count(*) filter (where asked) as citizens_asked,
        count(*) filter (where trouble) as citizens_with_trouble
    from per_citizen
    group by all
),

final as (
    select units.department, units.unit, counted.citizens, counted.citizens_asked, counted.citizens_with_trouble
    from counted
    join units using (unit_no)
    order by citizens_with_trouble desc, department, unit
)

select * from final
