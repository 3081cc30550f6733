-- Dated annotations (data/events.csv) that touch the period.
with

annotations as (
    select starts_on, coalesce(ends_on, starts_on) as ends_on, label, description
    from events
),

final as (
    select * from annotations
    where starts_on <= $date_to and ends_on >= $date_from
    order by starts_on
)

select * from final
