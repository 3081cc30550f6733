-- Run on every connection the app, the tests and the CLI open for reading.
-- The database file is attached read-only as "data"; these views and macros
-- live in the in-memory catalog, so every cursor of the connection sees them.

-- The view "inquiries" is made by queries.connect: the stored registrations,
-- numbered anew when their stored order is stale (order.sql).
create view organisation as select * from data.organisation;
create view published_monthly as select * from data.published_monthly;
create view events as select * from data.events;
create view meta as select * from data.meta;
create view imports as select * from data.imports;

-- The registrations the shared filters select. A null filter selects all;
-- p_proper_only true keeps only egentlige henvendelser.
-- p_departments is the user's scope: a leader limited to some departments
-- never gets a row of another.
-- p_org_view 'today' places every unit in its department as organised today
-- (Familierådgivningen under Borger & Arbejdsmarked also before 2019);
-- anything else keeps the department as registered.
-- unit_no numbers the rows' department and unit (order.sql): as registered,
-- or for 'today' anew, one number for each department and unit as organised
-- today. A unit placed today gets the negative of its place in org_today; any
-- other keeps its department, and so its number, as registered.
create macro filtered_inquiries(p_date_from, p_date_to, p_department, p_units, p_inquiry_type, p_proper_only, p_channel, p_org_view, p_departments) as table
with

org_today as (
    select unit, department, -dense_rank() over (order by unit, department)::integer as unit_no
    from organisation
    where valid_from <= current_date and (valid_to is null or current_date <= valid_to)
),

-- Only "as organised today" joins the organisation: DuckDB drops the branch
-- its bound p_org_view rules out, so the usual view reads the rows alone.
placed as (
    select inquiries.*
    from inquiries
    where p_org_view is distinct from 'today'
    union all
    select inquiries.* replace (coalesce(org_today.department, inquiries.department) as department,
                                coalesce(org_today.unit_no, inquiries.unit_no) as unit_no)
    from inquiries
    left join org_today using (unit)
    where p_org_view = 'today'
)

select *
from placed
where (p_date_from is null or received_on >= p_date_from)
    and (p_date_to is null or received_on <= p_date_to)
    and (p_department is null or department = p_department)
    and (p_units is null or list_contains(p_units, unit))
    and (p_inquiry_type is null or inquiry_type = p_inquiry_type)
    and (p_channel is null or channel = p_channel)
    -- "Kun egentlige henvendelser": everything but Uden for kompetence.
    and (not coalesce(p_proper_only, false) or inquiry_type <> 'Uden for kompetence')
    and (p_departments is null or list_contains(p_departments, department));

-- The selected registrations with their waiting times: calendar days, and
-- working days (stored at every write, advisor/order.sql: the working days
-- after receipt up to the answer, Monday-Friday but Danish public holidays).
create macro waiting_inquiries(p_date_from, p_date_to, p_department, p_units, p_inquiry_type, p_proper_only, p_channel, p_org_view, p_departments) as table
select
    selected.*,
    selected.first_answer_on - selected.received_on as days_to_answer,
    selected.meeting_on - selected.received_on as days_to_meeting
from filtered_inquiries(p_date_from, p_date_to, p_department, p_units, p_inquiry_type, p_proper_only, p_channel, p_org_view, p_departments) as selected;
