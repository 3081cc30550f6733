-- What the database holds: demo or real data, its version and its span.
with

registrations as (
    select received_on from inquiries
),

span as (
    select
        count(*) as registrations,
        min(received_on) as first_received_on,
        max(received_on) as last_received_on
    from registrations
),

final as (
    select
        meta.is_demo,
        meta.data_version,
        meta.updated_at,
        span.registrations,
        span.first_received_on,
        span.last_received_on
    from meta
    cross join span
)

select * from final
