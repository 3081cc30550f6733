-- Every row of an import, parsed, with the problems that stop it. Input:
-- raw_input (row_number, then the log's columns as text under their English
-- names; the citizen already pseudonymised). Problems name the row as the
-- user sees it in the file, the column by its Danish label, the value (never
-- a CPR number) and what is wrong.
create or replace temp table checked as
with

raw as (
    select * from raw_input
),

types as (
    select unnest(['Rådgivning og vejledning', 'Klage', 'Dialogmøde', 'Sparring', 'Uden for kompetence']) as name
),

channels as (
    select unnest(['Telefon', 'Mail', 'Personligt fremmøde', 'Brev', 'Digital post']) as name
),

org as (
    select unit, department, valid_from, coalesce(valid_to, date '9999-12-31') as valid_to,
        norm(unit) as unit_key, norm(department) as department_key
    from organisation
),

parsed as (
    select
        raw.*,
        blank(raw.inquiry_id) as id,
        parse_date(raw.received_on) as received,
        parse_date(raw.first_answer_on) as answered,
        parse_date(raw.meeting_on) as met,
        parse_date(raw.closed_on) as closed,
        parse_count(raw.caseworker_changes) as changes,
        parse_yes_no(raw.caseworker_change_trouble) as trouble,
        (select name from types where norm(name) = norm(raw.inquiry_type)) as type_name,
        (select name from channels where norm(name) = norm(raw.channel)) as channel_name
    from raw
),

placed as (
    select
        parsed.*,
        exists (select 1 from org where org.department_key = norm(parsed.department)) as department_known,
        exists (select 1 from org where org.unit_key = norm(parsed.unit)) as unit_known,
        (
            select {'unit': org.unit, 'department': org.department}
            from org
            where org.unit_key = norm(parsed.unit) and org.department_key = norm(parsed.department)
                and parsed.received between org.valid_from and org.valid_to
        ) as chart
    from parsed
),

duplicates as (
    select id, list(row_number order by row_number) as rows
    from parsed
    where id is not null
    group by id
    having count(*) > 1
),

judged as (
    select
        placed.*,
        list_filter([
            if(placed.id is null, problem('Løbenr.', '', 'skal udfyldes'), null),
            if(duplicates.rows is not null, problem('Løbenr.', placed.inquiry_id,
                'findes også i række ' || array_to_string(list_filter(duplicates.rows, lambda r: r != placed.row_number), ', ')), null),
            if(placed.citizen_key is null, problem('Borger', '', 'skal udfyldes'), null),
            if(blank(placed.received_on) is null, problem('Modtaget', '', 'skal udfyldes'), null),
            date_problem('Modtaget', placed.received_on, placed.received, $today::date),
            if(placed.received > $today, problem('Modtaget', placed.received_on, 'ligger i fremtiden'), null),
            date_problem('Første svar', placed.first_answer_on, placed.answered, $today::date),
            if(placed.answered > $today, problem('Første svar', placed.first_answer_on, 'ligger i fremtiden'), null),
            if(placed.answered < placed.received, problem('Første svar', placed.first_answer_on, 'ligger før Modtaget'), null),
            date_problem('Møde', placed.meeting_on, placed.met, $today::date),
            if(placed.met < placed.received, problem('Møde', placed.meeting_on, 'ligger før Modtaget'), null),
            date_problem('Afsluttet', placed.closed_on, placed.closed, $today::date),
            if(placed.closed > $today, problem('Afsluttet', placed.closed_on, 'ligger i fremtiden'), null),
            if(placed.closed < placed.received, problem('Afsluttet', placed.closed_on, 'ligger før Modtaget'), null),
            if(blank(placed.department) is null, problem('Forvaltning', '', 'skal udfyldes'), null),
            if(blank(placed.department) is not null and not placed.department_known,
                problem('Forvaltning', placed.department, 'er ikke en forvaltning i organisationen'), null),
            if(blank(placed.unit) is null, problem('Afdeling', '', 'skal udfyldes'), null),
            if(blank(placed.unit) is not null and not placed.unit_known,
                problem('Afdeling', placed.unit, 'er ikke en afdeling i organisationen'), null),
            if(placed.department_known and placed.unit_known and placed.received is not null and placed.chart is null,
                problem('Afdeling', placed.unit, 'hørte ikke under ' || trim(placed.department)
                    || ' den ' || strftime(placed.received, '%d-%m-%Y')), null),
            if(blank(placed.inquiry_type) is null, problem('Henvendelsestype', '', 'skal udfyldes'), null),
            if(blank(placed.inquiry_type) is not null and placed.type_name is null,
                problem('Henvendelsestype', placed.inquiry_type, 'er ikke en henvendelsestype ('
                    || (select string_agg(name, ', ') from types) || ')'), null),
            if(blank(placed.channel) is not null and placed.channel_name is null,
                problem('Kanal', placed.channel, 'er ikke en kanal (' || (select string_agg(name, ', ') from channels) || ')'), null),
            if(regexp_full_match(trim(placed.caseworker_changes), '-[0-9]+'),
                problem('Sagsbehandlerskift (antal)', placed.caseworker_changes, 'må ikke være negativ'), null),
            if(blank(placed.caseworker_changes) is not null and placed.changes is null
                    and not regexp_full_match(trim(placed.caseworker_changes), '-[0-9]+'),
                problem('Sagsbehandlerskift (antal)', placed.caseworker_changes,
                    'er ikke et helt tal fra 0 til 99 skrevet med almindelige cifre (fx 2)'), null),
            if(blank(placed.caseworker_change_trouble) is not null and placed.trouble is null,
                problem('Gene ved skift', placed.caseworker_change_trouble, 'skal være ja eller nej'), null)
        ], lambda p: p is not null) as checked_problems,
        -- What importer.prepare found in the cells (a CPR number outside
        -- Borger, a control character, a look-alike letter, a text too long,
        -- a formula without a value) comes first; with such a cell, the
        -- row's other checks would only speak of the stand-in value.
        from_json(placed.early, '[{"column": "VARCHAR", "value": "VARCHAR", "message": "VARCHAR"}]') as early_problems
    from placed
    left join duplicates using (id)
),

final as (
    select
        row_number,
        id as inquiry_id,
        citizen_key,
        received as received_on,
        channel_name as channel,
        chart.department as department,
        chart.unit as unit,
        type_name as inquiry_type,
        blank(topic) as topic,
        answered as first_answer_on,
        met as meeting_on,
        closed as closed_on,
        changes as caseworker_changes,
        trouble as caseworker_change_trouble,
        if(len(early_problems) > 0, early_problems, checked_problems) as problems,
        exists (select 1 from inquiries where inquiries.inquiry_id = judged.id) as known,
        {
            'Løbenr.': shown(judged.inquiry_id), 'Borger': judged.citizen_key, 'Modtaget': shown(judged.received_on),
            'Kanal': shown(judged.channel), 'Forvaltning': shown(judged.department), 'Afdeling': shown(judged.unit),
            'Henvendelsestype': shown(judged.inquiry_type), 'Emne': shown(judged.topic),
            'Første svar': shown(judged.first_answer_on), 'Møde': shown(judged.meeting_on),
            'Afsluttet': shown(judged.closed_on), 'Sagsbehandlerskift (antal)': shown(judged.caseworker_changes),
            'Gene ved skift': shown(judged.caseworker_change_trouble)
        } as row_values
    from judged
    order by row_number
)

select * from final
