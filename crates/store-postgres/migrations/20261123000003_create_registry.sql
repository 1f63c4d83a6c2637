-- The compatriot registry (PostgreSQL): people with their scalar facts, the child tables of
-- the facts that repeat, and the append-only consent ledger. Vocabulary columns hold the
-- domain's stable names and are parsed back by the domain on every read.

CREATE TABLE people (
    id                   UUID        NOT NULL,
    status               TEXT        NOT NULL CHECK (status IN ('active', 'erased')),
    sex                  TEXT,
    -- A partial birth date: the year, or the year and month, or the whole date.
    birth_year           INTEGER,
    birth_month          INTEGER CHECK (birth_month BETWEEN 1 AND 12),
    birth_day            INTEGER CHECK (birth_day BETWEEN 1 AND 31),
    birth_country        TEXT,
    birth_entity         TEXT,
    birth_place          TEXT,
    -- With 'answered', the groups are in person_ethnicities.
    ethnicity_state      TEXT        NOT NULL
        CHECK (ethnicity_state IN ('not_asked', 'prefer_not_to_say', 'answered')),
    -- With 'history' (and with 'stateless', for former ones) the periods are in
    -- person_citizenships.
    citizenship_state    TEXT        NOT NULL
        CHECK (citizenship_state IN ('unknown', 'history', 'stateless')),
    residence_country    TEXT,
    residence_region     TEXT,
    -- lower-cased residence_region, computed by the application (Rust's Unicode lower-casing,
    -- the same on both engines whatever the database locale), for the case-insensitive filter.
    residence_region_key TEXT,
    residence_city       TEXT,
    residence_since      DATE,
    residence_permanence TEXT,
    marital_status       TEXT,
    education            TEXT,
    -- Byte order, so that an ISCO prefix is one index range, as on SQLite.
    occupation           TEXT COLLATE "C",
    sector               TEXT,
    employment           TEXT,
    email                TEXT,
    phone                TEXT,
    -- Byte order, so that a unit's subtree is the index range [path, path || '/').
    hometown             TEXT COLLATE "C",
    kandas_state         TEXT        NOT NULL CHECK (kandas_state IN ('unknown', 'not_held', 'held')),
    kandas_granted       DATE,
    kandas_valid_until   DATE,
    kandas_revoked       DATE,
    source_kind          TEXT        NOT NULL,
    source_key           TEXT,
    account_id           UUID,
    display_name         TEXT        NOT NULL,
    -- Locale sort keys of display_name (PersonFacts::sort_keys, Language::ALL order). They are
    -- built so that byte order is alphabetical order, hence COLLATE "C". '' once erased.
    sort_kk              TEXT COLLATE "C" NOT NULL,
    sort_ru              TEXT COLLATE "C" NOT NULL,
    sort_uz              TEXT COLLATE "C" NOT NULL,
    sort_en              TEXT COLLATE "C" NOT NULL,
    version              BIGINT      NOT NULL DEFAULT 1,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    erased_at            TIMESTAMPTZ,
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
);

-- The people list: ORDER BY sort_xx, id with the seek condition (sort_xx, id) > ($1, $2), one
-- index per alphabet, so a page is an index range scan whatever its depth.
CREATE INDEX people_sort_kk_id_idx ON people (sort_kk, id);
CREATE INDEX people_sort_ru_id_idx ON people (sort_ru, id);
CREATE INDEX people_sort_uz_id_idx ON people (sort_uz, id);
CREATE INDEX people_sort_en_id_idx ON people (sort_en, id);
-- Host-country scope and the country (and region) filters.
CREATE INDEX people_residence_country_idx ON people (residence_country, residence_region_key);
-- Home-unit scope (a range; the column is COLLATE "C", so the index also serves LIKE 'KZ.75%').
CREATE INDEX people_hometown_idx ON people (hometown);
-- Occupation prefix filter: also a range.
CREATE INDEX people_occupation_idx ON people (occupation);
CREATE INDEX people_birth_year_idx ON people (birth_year);
CREATE INDEX people_source_kind_idx ON people (source_kind);

CREATE TABLE person_names (
    person_id  UUID    NOT NULL,
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
);

CREATE TABLE person_citizenships (
    person_id  UUID    NOT NULL,
    position   INTEGER NOT NULL CHECK (position >= 0),
    country    TEXT    NOT NULL,
    held_from  DATE,
    held_until DATE,
    CONSTRAINT person_citizenships_pkey PRIMARY KEY (person_id, position),
    CONSTRAINT person_citizenships_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
);

CREATE TABLE person_ethnicities (
    person_id  UUID    NOT NULL,
    -- The order the person chose the groups in.
    position   INTEGER NOT NULL CHECK (position >= 0),
    group_code TEXT    NOT NULL,
    CONSTRAINT person_ethnicities_pkey PRIMARY KEY (person_id, position),
    CONSTRAINT person_ethnicities_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
);

CREATE TABLE person_languages (
    person_id   UUID    NOT NULL,
    language    TEXT    NOT NULL,
    -- The order the languages were given in (the mother tongue usually first).
    position    INTEGER NOT NULL CHECK (position >= 0),
    proficiency TEXT    NOT NULL,
    CONSTRAINT person_languages_pkey PRIMARY KEY (person_id, language),
    CONSTRAINT person_languages_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
);

-- The language filter, when the planner starts from the language.
CREATE INDEX person_languages_language_idx ON person_languages (language, person_id);

CREATE TABLE person_qualifications (
    person_id UUID    NOT NULL,
    position  INTEGER NOT NULL CHECK (position >= 0),
    text      TEXT    NOT NULL,
    CONSTRAINT person_qualifications_pkey PRIMARY KEY (person_id, position),
    CONSTRAINT person_qualifications_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
);

-- Computed legal categories: applies, or undetermined (those that do not apply are not stored).
CREATE TABLE person_categories (
    person_id UUID    NOT NULL,
    code      TEXT    NOT NULL,
    applies   BOOLEAN NOT NULL,
    CONSTRAINT person_categories_pkey PRIMARY KEY (person_id, code),
    CONSTRAINT person_categories_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE CASCADE
);

-- The category filter, when the planner starts from the category.
CREATE INDEX person_categories_code_idx ON person_categories (code, applies, person_id);

-- The consent ledger. Append-only (triggers below); it outlives an erasure, so the person's
-- tombstone is kept (RESTRICT). organization_id and recorded_by have no foreign key: there is
-- no organizations table yet, and ledger entries must survive the accounts they name.
CREATE TABLE consent_events (
    -- Insertion order: breaks ties between events of the same instant.
    id              BIGINT      GENERATED ALWAYS AS IDENTITY,
    person_id       UUID        NOT NULL,
    purpose_kind    TEXT        NOT NULL,
    organization_id UUID,
    granted         BOOLEAN     NOT NULL,
    at              TIMESTAMPTZ NOT NULL,
    recorded_by     UUID,
    channel         TEXT        NOT NULL,
    CONSTRAINT consent_events_pkey PRIMARY KEY (id),
    CONSTRAINT consent_events_person_id_fkey FOREIGN KEY (person_id)
        REFERENCES people (id) ON DELETE RESTRICT,
    CONSTRAINT consent_events_organization_check
        CHECK ((purpose_kind = 'share_with_organization') = (organization_id IS NOT NULL))
);

-- A person's ledger, oldest first.
CREATE INDEX consent_events_person_id_at_idx ON consent_events (person_id, at);
-- The current state of one purpose: the latest grant and the latest withdrawal of (person,
-- purpose, organization), each found by the list's correlated subqueries with one descent.
CREATE INDEX consent_events_purpose_idx
    ON consent_events (person_id, purpose_kind, organization_id, granted, at);

CREATE FUNCTION consent_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'consent_events is append-only'
        USING ERRCODE = 'insufficient_privilege', HINT = TG_OP || ' is not allowed';
END;
$$;

-- Row level: refuses each changed row, as SQLite's triggers do.
CREATE TRIGGER consent_events_append_only_row
BEFORE UPDATE OR DELETE ON consent_events
FOR EACH ROW EXECUTE FUNCTION consent_events_append_only();

-- Statement level: TRUNCATE fires no row triggers, and this also refuses statements that
-- match no row, so an attempt always fails loudly.
CREATE TRIGGER consent_events_append_only_statement
BEFORE UPDATE OR DELETE OR TRUNCATE ON consent_events
FOR EACH STATEMENT EXECUTE FUNCTION consent_events_append_only();
