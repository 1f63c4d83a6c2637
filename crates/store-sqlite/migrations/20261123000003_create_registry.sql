-- The compatriot registry (SQLite): people with their scalar facts, the child tables of the
-- facts that repeat, and the append-only consent ledger.
-- Ids are 16-byte UUID blobs, timestamps INTEGER unix microseconds, calendar dates TEXT
-- 'YYYY-MM-DD' (sqlx's encoding of time::Date), booleans INTEGER 0/1. Vocabulary columns hold
-- the domain's stable names and are parsed back by the domain on every read.

CREATE TABLE people (
    id                   BLOB    NOT NULL CHECK (length(id) = 16),
    status               TEXT    NOT NULL CHECK (status IN ('active', 'erased')),
    sex                  TEXT,
    -- A partial birth date: the year, or the year and month, or the whole date.
    birth_year           INTEGER,
    birth_month          INTEGER CHECK (birth_month BETWEEN 1 AND 12),
    birth_day            INTEGER CHECK (birth_day BETWEEN 1 AND 31),
    birth_country        TEXT,
    birth_entity         TEXT,
    birth_place          TEXT,
    -- With 'answered', the groups are in person_ethnicities.
    ethnicity_state      TEXT    NOT NULL
        CHECK (ethnicity_state IN ('not_asked', 'prefer_not_to_say', 'answered')),
    -- With 'history' (and with 'stateless', for former ones) the periods are in
    -- person_citizenships.
    citizenship_state    TEXT    NOT NULL
        CHECK (citizenship_state IN ('unknown', 'history', 'stateless')),
    residence_country    TEXT,
    residence_region     TEXT,
    -- lower-cased residence_region (Rust's Unicode lower-casing: SQLite's lower() folds ASCII
    -- only), for the case-insensitive region filter.
    residence_region_key TEXT,
    residence_city       TEXT,
    residence_since      TEXT,
    residence_permanence TEXT,
    marital_status       TEXT,
    education            TEXT,
    occupation           TEXT,
    sector               TEXT,
    employment           TEXT,
    email                TEXT,
    phone                TEXT,
    hometown             TEXT,
    kandas_state         TEXT    NOT NULL CHECK (kandas_state IN ('unknown', 'not_held', 'held')),
    kandas_granted       TEXT,
    kandas_valid_until   TEXT,
    kandas_revoked       TEXT,
    source_kind          TEXT    NOT NULL,
    source_key           TEXT,
    account_id           BLOB CHECK (account_id IS NULL OR length(account_id) = 16),
    display_name         TEXT    NOT NULL,
    -- Locale sort keys of display_name (PersonFacts::sort_keys, Language::ALL order): byte
    -- order of a key is the alphabetical order of that language. '' once erased.
    sort_kk              TEXT    NOT NULL,
    sort_ru              TEXT    NOT NULL,
    sort_uz              TEXT    NOT NULL,
    sort_en              TEXT    NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    erased_at            INTEGER,
    CONSTRAINT people_pkey PRIMARY KEY (id),
    -- NULL keys are distinct: only keyed records are unique per source.
    CONSTRAINT people_source_key UNIQUE (source_kind, source_key),
    CONSTRAINT people_account_id_key UNIQUE (account_id),
    CONSTRAINT people_account_id_fkey FOREIGN KEY (account_id)
        REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT people_birth_date_check CHECK (
        (birth_day IS NULL OR birth_month IS NOT NULL)
        AND (birth_month IS NULL OR birth_year IS NOT NULL)),
    CONSTRAINT people_kandas_check CHECK ((kandas_state = 'held') = (kandas_granted IS NOT NULL)),
    CONSTRAINT people_erased_check CHECK ((status = 'erased') = (erased_at IS NOT NULL))
) STRICT;

-- The people list: ORDER BY sort_xx, id with the seek condition (sort_xx, id) > (?, ?), one
-- index per alphabet, so a page is an index range scan whatever its depth.
CREATE INDEX people_sort_kk_id_idx ON people (sort_kk, id);
CREATE INDEX people_sort_ru_id_idx ON people (sort_ru, id);
CREATE INDEX people_sort_uz_id_idx ON people (sort_uz, id);
CREATE INDEX people_sort_en_id_idx ON people (sort_en, id);
-- Host-country scope and the country (and region) filters.
CREATE INDEX people_residence_country_idx ON people (residence_country, residence_region_key);
-- Home-unit scope: a subtree is the range [path, path || '/') (BINARY collation: byte order).
CREATE INDEX people_hometown_idx ON people (hometown);
-- Occupation prefix filter: also a range.
CREATE INDEX people_occupation_idx ON people (occupation);
CREATE INDEX people_birth_year_idx ON people (birth_year);
CREATE INDEX people_source_kind_idx ON people (source_kind);

CREATE TABLE person_names (
    person_id  BLOB    NOT NULL,
    -- 0 is the primary name.
    position   INTEGER NOT NULL CHECK (position >= 0),
    given      TEXT    NOT NULL,
    family     TEXT    NOT NULL,
    patronymic TEXT,
    script     TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    CONSTRAINT person_names_pkey PRIMARY KEY (person_id, position),
    CONSTRAINT person_names_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
) STRICT;

CREATE TABLE person_citizenships (
    person_id  BLOB    NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    country    TEXT    NOT NULL,
    held_from  TEXT,
    held_until TEXT,
    CONSTRAINT person_citizenships_pkey PRIMARY KEY (person_id, position),
    CONSTRAINT person_citizenships_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
) STRICT;

CREATE TABLE person_ethnicities (
    person_id  BLOB    NOT NULL,
    -- The order the person chose the groups in.
    position   INTEGER NOT NULL CHECK (position >= 0),
    group_code TEXT    NOT NULL,
    CONSTRAINT person_ethnicities_pkey PRIMARY KEY (person_id, position),
    CONSTRAINT person_ethnicities_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
) STRICT;

CREATE TABLE person_languages (
    person_id   BLOB    NOT NULL,
    language    TEXT    NOT NULL,
    -- The order the languages were given in (the mother tongue usually first).
    position    INTEGER NOT NULL CHECK (position >= 0),
    proficiency TEXT    NOT NULL,
    CONSTRAINT person_languages_pkey PRIMARY KEY (person_id, language),
    CONSTRAINT person_languages_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
) STRICT;

-- The language filter, when the planner starts from the language.
CREATE INDEX person_languages_language_idx ON person_languages (language, person_id);

CREATE TABLE person_qualifications (
    person_id BLOB    NOT NULL,
    position  INTEGER NOT NULL CHECK (position >= 0),
    text      TEXT    NOT NULL,
    CONSTRAINT person_qualifications_pkey PRIMARY KEY (person_id, position),
    CONSTRAINT person_qualifications_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
) STRICT;

-- Computed legal categories: applies = 1, or 0 for undetermined (those that do not apply are
-- not stored).
CREATE TABLE person_categories (
    person_id BLOB    NOT NULL,
    code      TEXT    NOT NULL,
    applies   INTEGER NOT NULL CHECK (applies IN (0, 1)),
    CONSTRAINT person_categories_pkey PRIMARY KEY (person_id, code),
    CONSTRAINT person_categories_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
) STRICT;

-- The category filter, when the planner starts from the category.
CREATE INDEX person_categories_code_idx ON person_categories (code, applies, person_id);

-- The consent ledger. Append-only (triggers below); it outlives an erasure, so the person's
-- tombstone is kept (RESTRICT). organization_id and recorded_by have no foreign key: there is
-- no organizations table yet, and ledger entries must survive the accounts they name.
CREATE TABLE consent_events (
    -- Insertion order: breaks ties between events of the same instant.
    id              INTEGER NOT NULL,
    person_id       BLOB    NOT NULL,
    purpose_kind    TEXT    NOT NULL,
    organization_id BLOB CHECK (organization_id IS NULL OR length(organization_id) = 16),
    granted         INTEGER NOT NULL CHECK (granted IN (0, 1)),
    at              INTEGER NOT NULL,
    recorded_by     BLOB CHECK (recorded_by IS NULL OR length(recorded_by) = 16),
    channel         TEXT    NOT NULL,
    CONSTRAINT consent_events_pkey PRIMARY KEY (id),
    CONSTRAINT consent_events_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE RESTRICT,
    CONSTRAINT consent_events_organization_check
        CHECK ((purpose_kind = 'share_with_organization') = (organization_id IS NOT NULL))
) STRICT;

-- A person's ledger, oldest first.
CREATE INDEX consent_events_person_id_at_idx ON consent_events (person_id, at);
-- The current state of one purpose: the latest grant and the latest withdrawal of (person,
-- purpose, organization), each found by the list's correlated subqueries with one descent.
CREATE INDEX consent_events_purpose_idx
    ON consent_events (person_id, purpose_kind, organization_id, granted, at);

CREATE TRIGGER consent_events_no_update
BEFORE UPDATE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'consent_events is append-only');
END;

CREATE TRIGGER consent_events_no_delete
BEFORE DELETE ON consent_events
BEGIN
    SELECT RAISE(ABORT, 'consent_events is append-only');
END;
