-- The running year so far against the same days a year before: the year of
-- the last registration, from 1 January up to that registration's date.
with

last_registration as (
    select max(received_on) as last_on from inquiries
),

selected as (
    select received_on
    from filtered_inquiries(
        (select make_date(year(last_on) - 1, 1, 1) from last_registration), null,
        $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments
    )
),

final as (
    select
        year(last_on) as year,
        last_on as through_date,
        count(*) filter (where year(received_on) = year(last_on)) as registrations,
        count(*) filter (where received_on <= last_on - interval 1 year) as registrations_year_before
    from last_registration
    left join selected on true
    group by all
)

select * from final
