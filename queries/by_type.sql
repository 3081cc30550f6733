-- Registrations per type of inquiry (all registrations), with shares.
with

selected as (
    select inquiry_type
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

counts as (
    select inquiry_type, count(*) as registrations
    from selected
    group by all
),

final as (
    select
        inquiry_type,
        registrations,
        registrations / sum(registrations) over () as share
    from counts
    order by registrations desc, inquiry_type
)

select * from final
