-- A national-scale demo: the calibrated registrations (demo_rows) repeated
-- $copies times, cut to exactly $rows rows. Copy 0 is the demo itself.
-- Each copy is another municipality's log: its own Løbenr. and citizens
-- (a letters-only suffix keeps pseudonyms unlike any CPR number). The other
-- copies take the demo's whole years 2015-2019; every third stays there, the
-- others move back 260 or 520 weeks (weekdays stay weekdays), so the data spans
-- 2005-2019 with about the same volume every year. Departments are placed by
-- the organisation chart on the moved date, as a registration of that day
-- would be.
insert into inquiries by name
with

demo as (
    select * from demo_rows
),

copies as (
    select
        copy,
        ((copy % 3) * 1820)::integer as shift_days,
        translate(lpad(copy::text, 5, '0'), '0123456789', 'abcdefghjk') as suffix
    from range($copies) as t(copy)
),

moved as (
    select
        copies.copy,
        if(copies.copy = 0, demo.inquiry_id, 'K' || copies.suffix || '-' || demo.inquiry_id) as inquiry_id,
        if(copies.copy = 0, demo.citizen_key, demo.citizen_key || copies.suffix) as citizen_key,
        demo.received_on - copies.shift_days as received_on,
        demo.channel,
        demo.unit,
        demo.inquiry_type,
        demo.topic,
        demo.first_answer_on - copies.shift_days as first_answer_on,
        demo.meeting_on - copies.shift_days as meeting_on,
        demo.closed_on - copies.shift_days as closed_on,
        demo.caseworker_changes,
        demo.caseworker_change_trouble
    from demo
    cross join copies
    where copies.copy = 0 or demo.received_on >= date '2015-01-01'
),

kept as (
    select *
    from moved
    order by copy, inquiry_id
    limit $rows
),

final as (
    select
        kept.inquiry_id,
        kept.citizen_key,
        kept.received_on,
        kept.channel,
        organisation.department,
        kept.unit,
        kept.inquiry_type,
        kept.topic,
        kept.first_answer_on,
        kept.meeting_on,
        kept.closed_on,
        kept.caseworker_changes,
        kept.caseworker_change_trouble,
        null::integer as import_id
    from kept
    join organisation
        on organisation.unit = kept.unit
        and organisation.valid_from <= kept.received_on
        and (organisation.valid_to is null or kept.received_on <= organisation.valid_to)
)

select * from final
order by received_on, inquiry_id
