-- what an API key may do: 'all' (its user's own rights) or 'inbound' (only POST /api/inbound), comma-separated
ALTER TABLE api_keys ADD COLUMN scopes VARCHAR(64) NOT NULL DEFAULT 'all';
