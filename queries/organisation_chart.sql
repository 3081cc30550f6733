-- The organisation chart (data/organisation.csv) as it stands on $on_date.
with

chart as (
    select * from organisation
),

final as (
    select department, unit
    from chart
    where valid_from <= $on_date and (valid_to is null or $on_date <= valid_to)
    order by department, unit
)

select * from final
