-- The advisor database. Created by `python -m advisor init` or `demo`; run
-- again before every import, so an older database gets new tables.
-- No CPR number and no free-text remark is ever stored here: citizen_key is
-- a keyed pseudonym, and the log's "Bemærkning" column is never imported.

create table if not exists inquiries (
    inquiry_id                text primary key,  -- Løbenr.
    citizen_key               text not null,     -- pseudonym of Borger
    received_on               date not null,     -- Modtaget
    channel                   text,              -- Kanal
    department                text,              -- Forvaltning, as registered
    unit                      text,              -- Afdeling
    inquiry_type              text,              -- Henvendelsestype
    topic                     text,              -- Emne
    first_answer_on           date,              -- Første svar
    meeting_on                date,              -- Møde
    closed_on                 date,              -- Afsluttet
    caseworker_changes        integer,           -- null = not asked
    caseworker_change_trouble boolean,           -- null = not asked
    import_id                 integer,           -- null for demo rows
    position                  bigint,            -- the registrations' order (advisor/order.sql), set at every write
    citizen_no                integer,           -- the citizen as a number (advisor/order.sql), set at every write
    working_days_to_answer    integer,           -- working days after receipt up to the first answer (order.sql), set at every write
    unit_no                   integer            -- the department and unit as a number (advisor/order.sql), set at every write
);
alter table inquiries add column if not exists position bigint;
alter table inquiries add column if not exists citizen_no integer;
alter table inquiries add column if not exists working_days_to_answer integer;
alter table inquiries add column if not exists unit_no integer;

-- Unit -> department over time; valid_to null = still valid.
create table if not exists organisation (
    unit       text not null,
    department text not null,
    valid_from date not null,
    valid_to   date
);

-- Registrations per month as published in the annual reports 2014-2018.
create table if not exists published_monthly (
    year          integer not null,
    month         integer not null,
    registrations integer not null,
    primary key (year, month)
);

-- Dated annotations for time series; ends_on null = a single day.
create table if not exists events (
    starts_on   date not null,
    ends_on     date,
    label       text not null,
    description text
);

-- Exactly one row. data_version changes on every write, so cached query
-- results are keyed by it.
create table if not exists meta (
    is_demo      boolean not null,
    data_version integer not null,
    updated_at   timestamp not null
);

-- Per month, for each combination of filters the month summary holds (advisor/
-- summary.sql): registrations, registrations closed, new citizens and new
-- repeat citizens. Counted from inquiries after every write (db.store_summary);
-- meta.summary_version says which data version it was counted for, and a
-- reader that finds it stale counts it again. A null department, unit, type
-- or channel means all of them; proper_only means egentlige henvendelser.
create table if not exists month_summary (
    org_view            text not null,     -- 'registered' or 'today'
    is_total            boolean not null,  -- all departments together
    department          text,
    unit                text,
    inquiry_type        text,
    proper_only         boolean,
    channel             text,
    month_start         date not null,
    registrations       bigint not null,
    closed              bigint,
    new_citizens        bigint not null,
    new_repeat_citizens bigint not null
);
alter table month_summary add column if not exists unit text;
alter table month_summary add column if not exists inquiry_type text;
alter table month_summary add column if not exists proper_only boolean;
alter table month_summary add column if not exists channel text;
alter table month_summary add column if not exists closed bigint;

-- The dialogue meeting's figures (unit_figures.sql, key_figures.sql) for
-- every department, half-year and unit, and for the department as a whole
-- (is_total), under both organisation views, with and without "kun egentlige
-- henvendelser" (advisor/summary.sql). Written with the month summary.
create table if not exists half_summary (
    org_view               text not null,
    proper_only            boolean not null,
    department             text not null,
    half_start             date not null,
    is_total               boolean not null,
    unit                   text,
    registrations          bigint not null,
    citizens               bigint not null,
    first_contacts         bigint not null,
    complaints             bigint not null,
    median_days_to_answer  double,
    median_days_to_meeting double,
    repeat_citizens        bigint not null,
    citizens_with_trouble  bigint not null
);

-- The values the shared filters offer, under each organisation view: every
-- combination of department, unit, type and channel in the data. Written
-- with the month summary.
create table if not exists filter_values (
    org_view     text not null,
    department   text,
    unit         text,
    inquiry_type text,
    channel      text
);
alter table meta add column if not exists summary_version integer;

-- One row per import of the adviser's log (python -m advisor import, or the
-- Data page). file_name has any CPR-like number masked.
create table if not exists imports (
    import_id     integer primary key,
    imported_at   timestamp not null,
    file_name     text not null,
    file_sha256   text not null,
    rows_read     integer not null,
    rows_imported integer not null,  -- new registrations
    rows_updated  integer not null,  -- registrations whose Løbenr. was there already
    rows_rejected integer not null,
    undone_at     timestamp
);

-- The registrations an import replaced, as they were, so undo can restore them.
create table if not exists import_previous_rows (
    replaced_by_import        integer not null,
    inquiry_id                text not null,
    citizen_key               text not null,
    received_on               date not null,
    channel                   text,
    department                text,
    unit                      text,
    inquiry_type              text,
    topic                     text,
    first_answer_on           date,
    meeting_on                date,
    closed_on                 date,
    caseworker_changes        integer,
    caseworker_change_trouble boolean,
    import_id                 integer
);

-- Rows an import with quarantine left out, with the reasons. The values are
-- those of the log's known columns, with the citizen pseudonymised and any
-- CPR-like number masked; free-text columns are never kept.
create table if not exists rejected_rows (
    import_id  integer not null,
    row_number integer not null,  -- as the user sees it in the file
    reasons    text not null,
    row_values text not null      -- JSON: Danish column label -> value
);

-- The dialogue meetings the adviser has recorded (advisor/agreements.py):
-- when, with which department, about which half-year, and the units present.
-- Written only through agreements.py (the import's safe write path).
create table if not exists meetings (
    meeting_id    integer primary key,
    held_on       date not null,
    department    text not null,
    half          text not null,      -- the half-year the meeting went through, e.g. '2018H2'
    units_present text[] not null,
    change_id     integer not null    -- the change that recorded it
);

-- What a meeting agreed. `what` is a short text checked like an import (no
-- CPR number, contact details or person's name: privacy.personal_text_problem).
create table if not exists agreements (
    agreement_id integer primary key,
    meeting_id   integer not null,
    what         text not null,
    unit         text not null,       -- the unit that owns it
    figure       text not null,       -- a meeting figure (advisor/meeting.py FIGURES) it aims to move
    follow_up_on date not null,
    status       text not null,       -- åben, i gang, gennemført, opgivet
    change_id    integer not null     -- the change that wrote this version of the row
);

-- Every write to meetings and agreements, newest undoable.
create table if not exists agreement_changes (
    change_id  integer primary key,
    changed_at timestamp not null,
    action     text not null,         -- 'møde' or 'status'
    undone_at  timestamp
);

-- The agreement rows a change replaced, as they were, so undo can restore them.
create table if not exists agreement_previous (
    replaced_by_change integer not null,
    agreement_id       integer not null,
    meeting_id         integer not null,
    what               text not null,
    unit               text not null,
    figure             text not null,
    follow_up_on       date not null,
    status             text not null,
    change_id          integer not null
);
