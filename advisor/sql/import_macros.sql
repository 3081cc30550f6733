-- Helpers for checking an import, on the importing connection only.

-- Names match leniently: case, surrounding and repeated spaces, "-" or "–".
create or replace temp macro norm(x) as lower(regexp_replace(replace(trim(x), '–', '-'), '\s+', ' ', 'g'));

create or replace temp macro blank(x) as nullif(trim(x), '');

-- dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd (a time after it is
-- ignored), or an Excel day number. The year has four digits: "01-02-19" is
-- no date (it would be the year 19), so the check says to write the year whole.
create or replace temp macro parse_date(x) as if(
    regexp_full_match(trim(x), '(\d{1,2}[-./]\d{1,2}[-./]\d{4}|\d{4}-\d{2}-\d{2})([ T]\d{1,2}[:.]\d{2}([:.]\d{2})?)?'),
    coalesce(
        try_strptime(regexp_extract(trim(x), '^\S+'), '%d-%m-%Y'),
        try_strptime(regexp_extract(trim(x), '^\S+'), '%d.%m.%Y'),
        try_strptime(regexp_extract(trim(x), '^\S+'), '%d/%m/%Y'),
        try_strptime(left(trim(x), 10), '%Y-%m-%d')
    ),
    if(regexp_full_match(trim(x), '\d{5}(\.0+)?'), date '1899-12-30' + cast(cast(trim(x) as double) as integer), null)
)::date;

-- A date written with a two-digit year.
create or replace temp macro short_year(x) as regexp_full_match(trim(x), '\d{1,2}[-./]\d{1,2}[-./]\d{2}');

-- A count: plain base-10 digits, at most two (not 1e3, 0x10 or 1_000).
create or replace temp macro parse_count(x) as if(regexp_full_match(trim(x), '[0-9]{1,2}'), trim(x)::integer, null);

create or replace temp macro parse_yes_no(x) as case
    when norm(x) in ('ja', 'j', 'x', '1', 'true') then true
    when norm(x) in ('nej', 'n', '0', 'false') then false
end;

-- A value as it may be shown in a report. Every cell arrives cleaned, and
-- any CPR number in it masked, by importer.prepare (advisor/privacy.py is the
-- one place that knows what a CPR number looks like).
create or replace temp macro shown(x) as trim(x);

create or replace temp macro problem(col, val, message) as {'column': col, 'value': shown(val), 'message': message};

-- A date problem: two-digit year, no date at all, before 2000 or far ahead.
create or replace temp macro date_problem(col, raw, parsed, today) as case
    when blank(raw) is null then null
    when short_year(raw) then problem(col, raw, 'har et årstal med to cifre; skriv året med fire (fx 31-01-2019)')
    when parsed is null then problem(col, raw, 'er ikke en dato (skriv fx 31-01-2019)')
    when parsed < date '2000-01-01' then problem(col, raw, 'ligger før år 2000; skriv året med fire cifre (fx 31-01-2019)')
    when parsed > today + interval 1 year then problem(col, raw, 'ligger mere end et år ude i fremtiden')
end;
