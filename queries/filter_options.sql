-- The values the shared filters offer, taken from the data: departments and
-- their units under the chosen organisation view, types and channels. Read
-- from the values stored at every write (filter_values, advisor/summary.sql),
-- under the same scope as filtered_inquiries: a leader limited to some
-- departments is offered only what is registered in them.
with

selected as (
    select department, unit, inquiry_type, channel
    from filter_values
    where org_view = if($org_view = 'today', 'today', 'registered')
        and ($departments is null or list_contains($departments, department))
),

options as (
    select distinct 'department' as field, department, department as value from selected
    union all
    select distinct 'unit' as field, department, unit as value from selected
    union all
    select distinct 'inquiry_type' as field, null as department, inquiry_type as value from selected
    union all
    select distinct 'channel' as field, null as department, channel as value from selected
),

final as (
    select * from options
    where value is not null
    order by field, department, value
)

select * from final
