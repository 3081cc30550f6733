-- Registrations per department and month over the period; a department
-- with no registrations in a month counts 0 there.
with

selected as (
    select received_on, department
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

months as (
    select unnest(generate_series(
        date_trunc('month', $date_from::date), date_trunc('month', $date_to::date), interval 1 month
    ))::date as month_start
),

departments as (
    select distinct department from selected
),

counts as (
    select date_trunc('month', received_on)::date as month_start, department, count(*) as registrations
    from selected
    group by all
),

final as (
    select
        months.month_start,
        departments.department,
        coalesce(counts.registrations, 0) as registrations
    from months
    cross join departments
    left join counts using (month_start, department)
    order by months.month_start, departments.department
)

select * from final
