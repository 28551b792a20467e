-- ATOL Online's settings as an administrator set them through PUT /api/v1/fiscal/atol. One row;
-- when it exists it wins over the lastmile.fiscal.atol.* properties (the fresh install's defaults).
-- The password is sealed (AES-256-GCM under the key file lastmile.fiscal.secrets.key-file).
CREATE TABLE atol_settings (
    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    enabled boolean NOT NULL,
    base_url text NOT NULL,
    login text,
    password_sealed bytea,
    group_code text,
    inn text,
    payment_address text,
    company_email text,
    sno text NOT NULL,
    vat text NOT NULL,
    item_name text NOT NULL,
    payment_object int NOT NULL,
    payment_method text NOT NULL,
    updated_by text,
    updated_at timestamptz NOT NULL
);
