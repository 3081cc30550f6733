-- The order of the registrations, stated once. "1. gang" is a citizen's
-- first registration in this order, and the Registreringer page lists them
-- in it: by the date received and, on the same day, by the Løbenr.'s numbers
-- read as numbers (T-99 before T-100, and 007 the same as 7, so zero-padding
-- does not matter), then by the Løbenr. as text. Every write stores each
-- registration's place as inquiries.position (db.store_summary), so queries
-- compare one integer; a reader of a database written otherwise numbers the
-- registrations itself (queries.connect). Run before connect.sql.
-- The same write numbers the citizens: citizen_no is the pseudonym's rank, so
-- the queries that count citizens group on an integer, not on text. It
-- numbers each department and unit as registered the same way: unit_no is
-- one number for each pair, a missing department or unit included, so the
-- queries that count per unit group on an integer too (connect.sql numbers
-- them anew "as organised today"). And it counts each answered
-- registration's working days to its first answer (the calendar of
-- advisor/calendar.sql, made before this file), so the waiting times need no
-- calendar at reading.
create macro natural_key(id) as
    list_transform(regexp_extract_all(id, '\d+'), lambda n: {'digits': length(ltrim(n, '0')), 'value': ltrim(n, '0')});

create macro numbered_inquiries() as table
with

numbered as (
    select
        columns(lambda c: c not in ('position', 'citizen_no', 'working_days_to_answer', 'unit_no')),  -- an older database has none
        row_number() over (order by received_on, natural_key(inquiry_id), inquiry_id) as position,
        dense_rank() over (order by citizen_key)::integer as citizen_no,
        dense_rank() over (order by department, unit)::integer as unit_no
    from data.inquiries
)

select numbered.*, answered.workday_no - received.workday_no as working_days_to_answer
from numbered
left join calendar as received on received.day = numbered.received_on
left join calendar as answered on answered.day = numbered.first_answer_on;
