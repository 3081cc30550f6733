-- Registrations per department under both counting rules of the reports:
-- "alle henvendelser" (every registration) and "1. gang" (each citizen's
-- first registration in the period, so each citizen counts once).
-- derived from: by_unit
-- Summed from by_unit's rows for the same filters: a citizen's first
-- registration lies in one unit of one department, so a department's
-- "1. gang" is the sum of its units'.
with

units as (
    select department, registrations, first_contacts
    from by_unit
),

departments as (
    select department, sum(registrations)::bigint as registrations, sum(first_contacts)::bigint as first_contacts
    from units
    group by department
),

final as (
    select
        department,
        registrations,
        registrations / sum(registrations) over () as registrations_share,
        first_contacts,
        first_contacts / sum(first_contacts) over () as first_contacts_share
    from departments
    order by registrations desc, department
)

select * from final
