-- Run after the month summary is in place (queries.connect). The queries
-- that count every year use the summary through these two macros.

-- True when the month summary holds these filters (summary.sql): any type,
-- channel and egentlige, or one unit with neither type nor channel; no scope
-- wider than the chosen department; and a period that ends with a month (or
-- has no end).
create macro summary_holds(p_date_to, p_department, p_units, p_inquiry_type, p_proper_only, p_channel, p_departments) as
    (p_units is null or (len(p_units) = 1 and p_inquiry_type is null and p_channel is null))
    and (p_departments is null or coalesce(list_contains(p_departments, p_department), false))
    and (p_date_to is null or p_date_to::date = last_day(p_date_to::date));

-- The summary's months up to p_date_to for these filters; none when it does
-- not hold them. A query counts the registrations where
-- `not summary_holds(...)`: a condition on the parameters alone, so DuckDB
-- plans no scan of them when the summary answers. A type with egentlige only
-- is that type's row (none for "Uden for kompetence", which is not egentlig).
create macro summarised_months(p_date_to, p_department, p_units, p_inquiry_type, p_proper_only, p_channel, p_org_view, p_departments) as table
select month_start, registrations, closed, new_citizens, new_repeat_citizens
from month_summary
where summary_holds(p_date_to, p_department, p_units, p_inquiry_type, p_proper_only, p_channel, p_departments)
    and org_view = if(p_org_view = 'today', 'today', 'registered')
    and if(p_department is null, is_total, not is_total and department = p_department)
    and unit is not distinct from p_units[1]
    and inquiry_type is not distinct from p_inquiry_type
    and proper_only = (coalesce(p_proper_only, false) and p_inquiry_type is null)
    and channel is not distinct from p_channel
    and not (coalesce(p_proper_only, false) and coalesce(p_inquiry_type = 'Uden for kompetence', false))
    and (p_date_to is null or month_start <= p_date_to::date);

-- True when the half-year summary (summary.sql) holds these filters: one
-- department within the user's scope, no unit, type or channel, and whole
-- calendar half-years: from the first day of one to the last day of the same
-- or a later one (the dialogue meeting asks for three in a row at once).
create macro halves_hold(p_date_from, p_date_to, p_department, p_units, p_inquiry_type, p_channel, p_departments) as
    p_department is not null and p_units is null and p_inquiry_type is null and p_channel is null
    and (p_departments is null or coalesce(list_contains(p_departments, p_department), false))
    and p_date_from is not null and day(p_date_from::date) = 1 and month(p_date_from::date) in (1, 7)
    and p_date_to is not null and p_date_to::date >= p_date_from::date
    and p_date_to::date = last_day(p_date_to::date) and month(p_date_to::date) in (6, 12);

-- ... and exactly one half-year: a figure of the whole period (key_figures) is its row.
create macro half_holds(p_date_from, p_date_to, p_department, p_units, p_inquiry_type, p_channel, p_departments) as
    halves_hold(p_date_from, p_date_to, p_department, p_units, p_inquiry_type, p_channel, p_departments)
    and p_date_to::date = (p_date_from::date + interval 6 month - interval 1 day)::date;

-- The half-year summary's rows for these filters, a row per half-year of the
-- period (none when it does not hold them): the department's units, or
-- (p_total) the department as a whole.
create macro summarised_half(p_date_from, p_date_to, p_department, p_units, p_inquiry_type, p_proper_only, p_channel, p_org_view, p_departments, p_total) as table
select *
from half_summary
where halves_hold(p_date_from, p_date_to, p_department, p_units, p_inquiry_type, p_channel, p_departments)
    and org_view = if(p_org_view = 'today', 'today', 'registered')
    and proper_only = coalesce(p_proper_only, false)
    and department = p_department
    and half_start between p_date_from::date and p_date_to::date
    and is_total = p_total;
