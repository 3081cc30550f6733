-- The running year so far against the same days a year before: the year of
-- $through_date (the last registration, filters.data_span), from 1 January up
-- to that date. The dates come as a parameter, so DuckDB reads only the row
-- groups of these two years.
with

selected as (
    select received_on
    from filtered_inquiries(
        make_date(year($through_date::date) - 1, 1, 1), $through_date,
        $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments
    )
),

final as (
    select
        year($through_date::date) as year,
        $through_date::date as through_date,
        count(*) filter (where year(received_on) = year($through_date::date)) as registrations,
        count(*) filter (where received_on <= $through_date::date - interval 1 year) as registrations_year_before
    from selected
)

select * from final
