-- Registrations per unit, "alle henvendelser" and "1. gang" (each citizen's
-- first registration in the period), with shares of the period's total.
with

selected as (
    select position, citizen_no, department, unit
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

firsts as (
    -- Each citizen's first registration among the selected: its place in the order (an integer, unique).
    select min(position) as position
    from selected
    group by citizen_no
),

all_registrations as (
    select department, unit, count(*) as registrations
    from selected
    group by all
),

first_contacts as (
    select department, unit, count(*) as first_contacts
    from selected
    semi join firsts using (position)
    group by all
),

final as (
    select
        department,
        unit,
        registrations,
        registrations / sum(registrations) over () as registrations_share,
        coalesce(first_contacts, 0) as first_contacts,
        coalesce(first_contacts, 0) / sum(coalesce(first_contacts, 0)) over () as first_contacts_share
    from all_registrations
    left join first_contacts using (department, unit)
    order by department, registrations desc, unit
)

select * from final
