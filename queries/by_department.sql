-- Registrations per department under both counting rules of the reports:
-- "alle henvendelser" (every registration) and "1. gang" (each citizen's
-- first registration in the period, so each citizen counts once).
with

selected as (
    select position, citizen_key, department
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

firsts as (
    select citizen_key, arg_min(department, position) as department
    from selected
    group by citizen_key
),

all_registrations as (
    select department, count(*) as registrations
    from selected
    group by all
),

first_contacts as (
    select department, count(*) as first_contacts
    from firsts
    group by all
),

final as (
    select
        department,
        registrations,
        registrations / sum(registrations) over () as registrations_share,
        coalesce(first_contacts, 0) as first_contacts,
        coalesce(first_contacts, 0) / sum(coalesce(first_contacts, 0)) over () as first_contacts_share
    from all_registrations
    left join first_contacts using (department)
    order by registrations desc, department
)

select * from final
