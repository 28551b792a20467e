-- Each payment provider's settings as the operator set them. Secrets are sealed (AES-256-GCM under
-- the key file lastmile.fiscal.secrets.key-file), one sealed JSON object per provider.
CREATE TABLE provider_settings (
    provider text PRIMARY KEY,
    enabled boolean NOT NULL DEFAULT false,
    test_mode boolean NOT NULL DEFAULT false,
    settings jsonb NOT NULL DEFAULT '{}',
    secrets bytea,
    updated_at timestamptz NOT NULL
);
