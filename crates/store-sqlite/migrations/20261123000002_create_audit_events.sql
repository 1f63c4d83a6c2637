-- The append-only audit log (SQLite). actor_id has no foreign key on purpose: ids are
-- pseudonymous and entries must survive the erasure of the account they name.

CREATE TABLE audit_events (
    -- UUIDv7: byte order is time order, so ORDER BY id is newest/oldest first.
    id           BLOB    NOT NULL CHECK (length(id) = 16),
    at           INTEGER NOT NULL,
    actor_id     BLOB CHECK (actor_id IS NULL OR length(actor_id) = 16),
    action       TEXT    NOT NULL,
    subject_kind TEXT    NOT NULL,
    subject_id   TEXT,
    purpose      TEXT    NOT NULL,
    request_id   BLOB CHECK (request_id IS NULL OR length(request_id) = 16),
    CONSTRAINT audit_events_pkey PRIMARY KEY (id)
) STRICT;

CREATE INDEX audit_events_actor_id_id_idx ON audit_events (actor_id, id);
CREATE INDEX audit_events_subject_id_id_idx ON audit_events (subject_id, id);
CREATE INDEX audit_events_at_idx ON audit_events (at);

CREATE TRIGGER audit_events_no_update
BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;

CREATE TRIGGER audit_events_no_delete
BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit_events is append-only');
END;
