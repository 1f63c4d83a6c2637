-- Email verification of self-registered accounts (SQLite). An account with a row here has not
-- proven that it controls its email yet: it cannot sign in, and its password is set only when
-- the emailed link is followed. The token is stored as its SHA-256 (hex), like session tokens.

CREATE TABLE account_verifications (
    account_id BLOB    NOT NULL CHECK (length(account_id) = 16),
    token_hash TEXT    NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    CONSTRAINT account_verifications_pkey PRIMARY KEY (account_id),
    CONSTRAINT account_verifications_token_hash_key UNIQUE (token_hash),
    CONSTRAINT account_verifications_account_id_fkey FOREIGN KEY (account_id)
        REFERENCES accounts (id) ON DELETE CASCADE
) STRICT;
