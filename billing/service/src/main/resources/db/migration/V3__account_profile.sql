-- What an ISP keeps of a subscriber: who (a person or a company with its tax id), how to reach
-- them, where they live, their time zone (billing periods are computed in it), discount and
-- free-form settings; and a sequence for generated contract numbers.
ALTER TABLE account
    ADD COLUMN type text NOT NULL DEFAULT 'PERSON' CHECK (type IN ('PERSON', 'COMPANY')),
    ADD COLUMN tax_id text CHECK (tax_id ~ '^[0-9]{10}([0-9]{2})?$'),
    ADD COLUMN phone text CHECK (length(phone) <= 32),
    ADD COLUMN email text CHECK (length(email) <= 254),
    ADD COLUMN address text CHECK (length(address) <= 1000),
    ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Moscow',
    ADD COLUMN discount_percent numeric(5, 2) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
    ADD COLUMN settings jsonb NOT NULL DEFAULT '{}',
    ADD CONSTRAINT account_company_has_tax_id CHECK (type <> 'COMPANY' OR tax_id IS NOT NULL);

CREATE SEQUENCE account_contract_seq;

CREATE INDEX account_name_search ON account (lower(name) text_pattern_ops);
CREATE INDEX account_phone ON account (phone);
CREATE INDEX account_email ON account (lower(email));
