-- The advisor database. Created by `python -m advisor init` or `demo`.
-- No CPR number and no free-text remark is ever stored here: citizen_key is
-- a keyed pseudonym, and the log's "Bemærkning" column is never imported.

create table inquiries (
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
    import_id                 integer            -- null for demo rows
);

-- Unit -> department over time; valid_to null = still valid.
create table organisation (
    unit       text not null,
    department text not null,
    valid_from date not null,
    valid_to   date
);

-- Registrations per month as published in the annual reports 2014-2018.
create table published_monthly (
    year          integer not null,
    month         integer not null,
    registrations integer not null,
    primary key (year, month)
);

-- Dated annotations for time series; ends_on null = a single day.
create table events (
    starts_on   date not null,
    ends_on     date,
    label       text not null,
    description text
);

-- Exactly one row. data_version changes on every write, so cached query
-- results are keyed by it.
create table meta (
    is_demo      boolean not null,
    data_version integer not null,
    updated_at   timestamp not null
);
