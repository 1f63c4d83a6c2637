-- Imports of people into the registry (PostgreSQL): one row per run with its progress counts,
-- the errors of its rejected rows, and the batch that created each imported person (so that a
-- batch can be undone).

CREATE TABLE import_batches (
    id          UUID        NOT NULL,
    created_by  UUID        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    file_name   TEXT        NOT NULL,
    source_kind TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('running', 'done', 'undone')),
    total       INTEGER     NOT NULL DEFAULT 0 CHECK (total >= 0),
    done        INTEGER     NOT NULL DEFAULT 0 CHECK (done >= 0),
    imported    INTEGER     NOT NULL DEFAULT 0 CHECK (imported >= 0),
    unchanged   INTEGER     NOT NULL DEFAULT 0 CHECK (unchanged >= 0),
    rejected    INTEGER     NOT NULL DEFAULT 0 CHECK (rejected >= 0),
    CONSTRAINT import_batches_pkey PRIMARY KEY (id),
    CONSTRAINT import_batches_created_by_fkey FOREIGN KEY (created_by)
        REFERENCES accounts (id) ON DELETE RESTRICT
);

-- The list of a creator's batches, newest first (UUIDv7 ids are time-ordered).
CREATE INDEX import_batches_created_by_idx ON import_batches (created_by, id);

CREATE TABLE import_errors (
    -- The order the errors were recorded in.
    position      BIGINT  GENERATED ALWAYS AS IDENTITY,
    batch_id      UUID    NOT NULL,
    line          INTEGER NOT NULL CHECK (line >= 1),
    column_header TEXT    NOT NULL,
    field         TEXT    NOT NULL,
    code          TEXT    NOT NULL,
    CONSTRAINT import_errors_pkey PRIMARY KEY (position),
    CONSTRAINT import_errors_batch_id_fkey FOREIGN KEY (batch_id)
        REFERENCES import_batches (id) ON DELETE CASCADE
);

CREATE INDEX import_errors_batch_id_idx ON import_errors (batch_id, line, position);

ALTER TABLE people ADD COLUMN import_batch_id UUID
    CONSTRAINT people_import_batch_id_fkey REFERENCES import_batches (id) ON DELETE RESTRICT;

CREATE INDEX people_import_batch_id_idx ON people (import_batch_id);
