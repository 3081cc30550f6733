-- The pseudonymised registrations behind the figures (the adviser only),
-- newest first, at most $max_rows of them, each with how many match in all.
with

selected as not materialized (  -- read three times: a count of all, the newest positions, their rows
    select *
    from filtered_inquiries($date_from, $date_to, $department, $units, $inquiry_type, $proper_only, $channel, $org_view, $departments)
),

-- Counted by a date that every registration has (not null, schema.sql): a
-- count(*) here had DuckDB read the first column, the text Løbenr., of every
-- selected row: 20 ms a run at 1M registrations, 10 ms without.
matching as (
    select count(received_on) as matching
    from selected
),

-- The newest by their position alone, then their rows: a top-N of whole
-- rows would carry every column of every selected row (4× slower at 10M).
newest_positions as (
    select position
    from selected
    order by position desc
    limit $max_rows
),

newest as (
    select
        inquiry_id, citizen_key, received_on, channel, department, unit, inquiry_type, topic,
        first_answer_on, meeting_on, closed_on, caseworker_changes, caseworker_change_trouble, position
    from selected
    where position in (select position from newest_positions)
),

final as (
    select newest.* exclude (position), matching.matching
    from newest
    cross join matching
    order by newest.position desc
)

select * from final
