-- oauth: servers that sign in with OAuth2 (XOAUTH2). An authorization under way is a row until the provider sends the
-- administrator back (single use, short-lived; the state is kept as its SHA-256 only). A server's tokens are one row:
-- the refresh token and the cached access token encrypted at rest like the servers' passwords, and a lease
-- (refreshing_by, refreshing_until) so that one instance at a time refreshes them.
CREATE TABLE oauth_authorizations (
    state_hash              VARCHAR(64) PRIMARY KEY,
    server_kind             VARCHAR(16) NOT NULL,
    server_id               BIGINT NOT NULL,
    provider                VARCHAR(16) NOT NULL,
    code_verifier_encrypted VARCHAR(2000) NOT NULL,
    user_login              VARCHAR(255) NOT NULL,
    session_bound           BOOLEAN NOT NULL,
    expires_at              TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE oauth_connections (
    server_kind             VARCHAR(16) NOT NULL,
    server_id               BIGINT NOT NULL,
    provider                VARCHAR(16) NOT NULL,
    refresh_token_encrypted TEXT,
    access_token_encrypted  TEXT,
    access_expires_at       TIMESTAMP WITH TIME ZONE,
    connected_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    refreshed_at            TIMESTAMP WITH TIME ZONE,
    error                   VARCHAR(2000),
    error_at                TIMESTAMP WITH TIME ZONE,
    refreshing_by           VARCHAR(255),
    refreshing_until        TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (server_kind, server_id)
);

-- outgoing and inbound: which provider an OAuth2 server signs in with; incoming servers choose how they sign in
ALTER TABLE mail_servers ADD COLUMN oauth_provider VARCHAR(16);
ALTER TABLE incoming_servers ADD COLUMN authentication VARCHAR(16) NOT NULL DEFAULT 'login';
ALTER TABLE incoming_servers ADD COLUMN oauth_provider VARCHAR(16);
