-- Accounts, their roles, sessions and login failures (PostgreSQL).
-- No schema is named: objects go to the first schema of search_path, so the same migrations
-- serve any schema (a fresh one per test).

CREATE TABLE accounts (
    id             UUID        NOT NULL,
    email          TEXT        NOT NULL,
    display_name   TEXT        NOT NULL,
    -- Locale sort keys of display_name (DisplayName::sort_keys, Language::ALL order). They are
    -- built so that byte order is alphabetical order, hence COLLATE "C" (as SQLite compares).
    sort_kk        TEXT        COLLATE "C" NOT NULL,
    sort_ru        TEXT        COLLATE "C" NOT NULL,
    sort_uz        TEXT        COLLATE "C" NOT NULL,
    sort_en        TEXT        COLLATE "C" NOT NULL,
    language       TEXT        NOT NULL CHECK (language IN ('kk', 'ru', 'uz', 'en')),
    status         TEXT        NOT NULL CHECK (status IN ('active', 'disabled')),
    password_hash  TEXT        NOT NULL,
    totp_secret    TEXT,
    totp_enabled   BOOLEAN     NOT NULL DEFAULT FALSE,
    totp_last_step BIGINT,
    created_at     TIMESTAMPTZ NOT NULL,
    CONSTRAINT accounts_pkey PRIMARY KEY (id),
    CONSTRAINT accounts_email_key UNIQUE (email)
);

-- Seek paging: ORDER BY sort_xx, id with (sort_xx, id) > ($1, $2).
CREATE INDEX accounts_sort_kk_id_idx ON accounts (sort_kk, id);
CREATE INDEX accounts_sort_ru_id_idx ON accounts (sort_ru, id);
CREATE INDEX accounts_sort_uz_id_idx ON accounts (sort_uz, id);
CREATE INDEX accounts_sort_en_id_idx ON accounts (sort_en, id);

CREATE TABLE account_roles (
    account_id UUID NOT NULL,
    role       TEXT NOT NULL,
    -- '' for roles without a scope, so that the unique key also covers them.
    scope      TEXT NOT NULL DEFAULT '',
    CONSTRAINT account_roles_account_id_fkey FOREIGN KEY (account_id)
        REFERENCES accounts (id) ON DELETE RESTRICT,
    CONSTRAINT account_roles_key UNIQUE (account_id, role, scope)
);

-- The role filter of the account list looks up by role.
CREATE INDEX account_roles_role_idx ON account_roles (role, account_id);

CREATE TABLE sessions (
    -- SHA-256 of the token, hex; the token itself is never stored.
    token_hash   TEXT        NOT NULL,
    account_id   UUID        NOT NULL,
    stage        TEXT        NOT NULL
        CHECK (stage IN ('awaiting_second_factor', 'enrolling_second_factor', 'active')),
    csrf_token   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    CONSTRAINT sessions_pkey PRIMARY KEY (token_hash),
    -- Sessions are ephemeral: they go with their account rather than block its deletion.
    CONSTRAINT sessions_account_id_fkey FOREIGN KEY (account_id)
        REFERENCES accounts (id) ON DELETE CASCADE
);

CREATE INDEX sessions_account_id_idx ON sessions (account_id);

CREATE TABLE login_failures (
    -- A throttle key: a hashed login name or a client address, never an email.
    key TEXT        NOT NULL,
    at  TIMESTAMPTZ NOT NULL
);

CREATE INDEX login_failures_key_at_idx ON login_failures (key, at);
