-- Helpers for checking an import, on the importing connection only.

-- Names match leniently: case, surrounding and repeated spaces, "-" or "–".
create or replace temp macro norm(x) as lower(regexp_replace(replace(trim(x), '–', '-'), '\s+', ' ', 'g'));

create or replace temp macro blank(x) as nullif(trim(x), '');

-- dd-mm-yyyy, dd.mm.yyyy, dd/mm/yyyy, yyyy-mm-dd, or an Excel day number.
create or replace temp macro parse_date(x) as coalesce(
    try_strptime(trim(x), '%d-%m-%Y'),
    try_strptime(trim(x), '%d.%m.%Y'),
    try_strptime(trim(x), '%d/%m/%Y'),
    try_strptime(trim(x), '%Y-%m-%d'),
    try_strptime(trim(x), '%Y-%m-%d %H:%M:%S'),
    if(regexp_full_match(trim(x), '\d{5}(\.0+)?'), date '1899-12-30' + cast(cast(trim(x) as double) as integer), null)
)::date;

create or replace temp macro parse_yes_no(x) as case
    when norm(x) in ('ja', 'j', 'x', '1', 'true') then true
    when norm(x) in ('nej', 'n', '0', 'false') then false
end;

-- A CPR number: six digits forming a date (ddmmyy), then four digits.
create or replace temp macro has_cpr(x) as coalesce(list_bool_or(list_transform(
    regexp_extract_all(x, '(?:^|\D)(\d{6})[- ]?\d{4}(?:\D|$)', 1),
    lambda g: try_strptime(g, '%d%m%y') is not null
)), false);

-- A value as it may be shown in a report: never a CPR number.
create or replace temp macro shown(x) as if(has_cpr(x), '[CPR-nummer]', trim(x));

create or replace temp macro problem(col, val, message) as {'column': col, 'value': shown(val), 'message': message};
