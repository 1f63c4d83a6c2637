-- The append-only audit log (PostgreSQL). actor_id has no foreign key on purpose: ids are
-- pseudonymous and entries must survive the erasure of the account they name.

CREATE TABLE audit_events (
    -- UUIDv7: uuid order is byte order is time order, so ORDER BY id is newest/oldest first.
    id           UUID        NOT NULL,
    at           TIMESTAMPTZ NOT NULL,
    actor_id     UUID,
    action       TEXT        NOT NULL,
    subject_kind TEXT        NOT NULL,
    subject_id   TEXT,
    purpose      TEXT        NOT NULL,
    request_id   UUID,
    CONSTRAINT audit_events_pkey PRIMARY KEY (id)
);

CREATE INDEX audit_events_actor_id_id_idx ON audit_events (actor_id, id);
CREATE INDEX audit_events_subject_id_id_idx ON audit_events (subject_id, id);
CREATE INDEX audit_events_at_idx ON audit_events (at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only'
        USING ERRCODE = 'insufficient_privilege', HINT = TG_OP || ' is not allowed';
END;
$$;

-- Row level: refuses each changed row, as SQLite's triggers do.
CREATE TRIGGER audit_events_append_only_row
BEFORE UPDATE OR DELETE ON audit_events
FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();

-- Statement level: TRUNCATE fires no row triggers, and this also refuses statements that
-- match no row, so an attempt always fails loudly.
CREATE TRIGGER audit_events_append_only_statement
BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
