-- Registrations per unit, "alle henvendelser" and "1. gang" (each citizen's
-- first registration in the period), with shares of the period's total.
-- Counted per unit_no, the department and unit as a number (order.sql), as
-- repeat_by_unit.sql counts.
with

selected as (
    select position, citizen_no, unit_no, department, unit
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

firsts as (
    -- Each citizen's first registration among the selected: its place in the order (an integer, unique).
    select min(position) as position
    from selected
    group by citizen_no
),

all_registrations as (
    select unit_no, any_value(department) as department, any_value(unit) as unit, count(*) as registrations
    from selected
    group by unit_no
),

first_contacts as (
    select unit_no, count(*) as first_contacts
    from selected
    semi join firsts using (position)
    group by unit_no
),

final as (
    select
        all_registrations.department,
        all_registrations.unit,
        all_registrations.registrations,
        all_registrations.registrations / sum(all_registrations.registrations) over () as registrations_share,
        coalesce(first_contacts.first_contacts, 0) as first_contacts,
        coalesce(first_contacts.first_contacts, 0) / sum(coalesce(first_contacts.first_contacts, 0)) over () as first_contacts_share
    from all_registrations
    left join first_contacts using (unit_no)
    order by department, registrations desc, unit
)

select * from final
