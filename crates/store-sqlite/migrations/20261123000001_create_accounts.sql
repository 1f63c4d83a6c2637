-- Accounts, their roles, sessions and login failures (SQLite).
-- Ids are 16-byte UUID blobs; timestamps are INTEGER unix microseconds, so comparisons and
-- ordering are exact; booleans are INTEGER 0/1 with a check. STRICT tables refuse values of the
-- wrong type instead of storing them anyway.

CREATE TABLE accounts (
    id             BLOB    NOT NULL CHECK (length(id) = 16),
    email          TEXT    NOT NULL,
    display_name   TEXT    NOT NULL,
    -- Locale sort keys of display_name (DisplayName::sort_keys, Language::ALL order): byte
    -- order of a key is the alphabetical order of that language.
    sort_kk        TEXT    NOT NULL,
    sort_ru        TEXT    NOT NULL,
    sort_uz        TEXT    NOT NULL,
    sort_en        TEXT    NOT NULL,
    language       TEXT    NOT NULL CHECK (language IN ('kk', 'ru', 'uz', 'en')),
    status         TEXT    NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash  TEXT    NOT NULL,
    totp_secret    TEXT,
    totp_enabled   INTEGER NOT NULL DEFAULT 0 CHECK (totp_enabled IN (0, 1)),
    totp_last_step INTEGER,
    created_at     INTEGER NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_email_key UNIQUE (email)
) STRICT;

-- Seek paging: ORDER BY sort_xx, id with (sort_xx, id) > (?, ?).
CREATE INDEX accounts_sort_kk_id_idx ON accounts (sort_kk, id);
CREATE INDEX accounts_sort_ru_id_idx ON accounts (sort_ru, id);
CREATE INDEX accounts_sort_uz_id_idx ON accounts (sort_uz, id);
CREATE INDEX accounts_sort_en_id_idx ON accounts (sort_en, id);

CREATE TABLE account_roles (
    account_id BLOB NOT NULL,
    role       TEXT NOT NULL,
    -- '' for roles without a scope, so that the unique key also covers them.
    scope      TEXT NOT NULL DEFAULT '',
    CONSTRAINT account_roles_account_id_fkey FOREIGN KEY (account_id)
        REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT account_roles_key UNIQUE (account_id, role, scope)
) STRICT;

-- The role filter of the account list looks up by role.
CREATE INDEX account_roles_role_idx ON account_roles (role, account_id);

CREATE TABLE sessions (
    -- SHA-256 of the token, hex; the token itself is never stored.
    token_hash   TEXT    NOT NULL,
    account_id   BLOB    NOT NULL,
    stage        TEXT    NOT NULL
        CHECK (stage IN ('awaiting_second_factor', 'enrolling_second_factor', 'active')),
    csrf_token   TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    CONSTRAINT sessions_pkey PRIMARY KEY (token_hash),
    -- Sessions are ephemeral: they go with their account rather than block its deletion.
    CONSTRAINT sessions_account_id_fkey FOREIGN KEY (account_id)
        REFERENCES accounts (id) ON DELETE CASCADE
) STRICT;

CREATE INDEX sessions_account_id_idx ON sessions (account_id);

CREATE TABLE login_failures (
    -- A throttle key: a hashed login name or a client address, never an email.
    key TEXT    NOT NULL,
    at  INTEGER NOT NULL
) STRICT;

CREATE INDEX login_failures_key_at_idx ON login_failures (key, at);
