-- Quota policy as data the ministry edits through the API, each change audited with its reason:
-- which citizenships need no quota, and which occupations are closed to foreign workers in which
-- region and year. Country, region and occupation codes are checked by the service against the
-- reference lists (those rows are loaded after the migrations, so there are no foreign keys).

-- Citizens of these countries work in Russia without a quota.
CREATE TABLE quota_exemptions (
    country      text PRIMARY KEY CHECK (country ~ '^[A-Z]{2}$'),
    reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    legal_source text NOT NULL CHECK (length(legal_source) BETWEEN 1 AND 500),
    updated_by   uuid REFERENCES users (id),
    updated_at   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO quota_exemptions (country, reason, legal_source) VALUES
    ('AM', 'Member state of the Eurasian Economic Union: its citizens work in Russia without a quota or work permit.',
     'Treaty on the Eurasian Economic Union of 29.05.2014, art. 97'),
    ('BY', 'Member state of the Eurasian Economic Union: its citizens work in Russia without a quota or work permit.',
     'Treaty on the Eurasian Economic Union of 29.05.2014, art. 97'),
    ('KZ', 'Member state of the Eurasian Economic Union: its citizens work in Russia without a quota or work permit.',
     'Treaty on the Eurasian Economic Union of 29.05.2014, art. 97'),
    ('KG', 'Member state of the Eurasian Economic Union (since 12.08.2015): its citizens work in Russia without a quota or work permit.',
     'Treaty on the Eurasian Economic Union of 29.05.2014, art. 97; Treaty on the accession of the Kyrgyz Republic of 23.12.2014'),
    ('RU', 'Citizens of the Russian Federation: quotas apply to foreign workers only.',
     'Federal Law No. 115-FZ of 25.07.2002 "On the legal status of foreign citizens in the Russian Federation", art. 13 and 18.1');

-- An occupation (an ISCO-08 unit group, or a group prefix: '8' major, '83' sub-major, '832' minor)
-- closed to foreign workers needing a quota in one year, in one region or (region NULL) in all of
-- Russia. A closure is lifted, never deleted, so its history stays.
CREATE TABLE closed_occupations (
    id           uuid PRIMARY KEY,
    year         integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    region       text CHECK (region ~ '^RU-[A-Z0-9]{1,3}$'),
    occupation   text NOT NULL CHECK (occupation ~ '^[0-9]{1,4}$'),
    reason       text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
    legal_source text NOT NULL CHECK (length(legal_source) BETWEEN 1 AND 500),
    created_by   uuid REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    lifted_at    timestamptz,
    lifted_by    uuid REFERENCES users (id),
    lift_reason  text CHECK (length(lift_reason) BETWEEN 1 AND 2000),
    CHECK ((lifted_at IS NULL) = (lift_reason IS NULL))
);
-- One active closure per year, place and occupation.
CREATE UNIQUE INDEX closed_occupations_one_active
    ON closed_occupations (year, coalesce(region, ''), occupation) WHERE lifted_at IS NULL;

-- The rules in force for 2026, as published. Federal: the Government's yearly decree on the
-- permissible share of foreign workers sets 0 % for retail in non-stationary outlets and at
-- markets (OKVED 47.8); its other 0 % lines (alcohol and tobacco shops 47.25/47.26, pharmacies
-- 47.73) are sectors with no ISCO-08 occupation of their own and are not encoded here. Regional:
-- bans by the head of the region on foreign citizens working under a patent.
INSERT INTO closed_occupations (id, year, region, occupation, reason, legal_source) VALUES
    ('0192f0a0-0000-7000-8000-000000000001', 2026, NULL, '5211',
     'Retail trade in non-stationary outlets and at markets (OKVED 47.8): the permissible share of foreign workers is 0 %.',
     'Decree of the Government of the Russian Federation No. 1995 of 05.12.2025 (permissible share of foreign workers for 2026), under Federal Law No. 115-FZ art. 18.1 para. 5'),
    ('0192f0a0-0000-7000-8000-000000000002', 2026, NULL, '9520',
     'Retail trade in non-stationary outlets and at markets (OKVED 47.8): the permissible share of foreign workers is 0 %.',
     'Decree of the Government of the Russian Federation No. 1995 of 05.12.2025 (permissible share of foreign workers for 2026), under Federal Law No. 115-FZ art. 18.1 para. 5'),
    ('0192f0a0-0000-7000-8000-000000000003', 2026, 'RU-SPE', '8322',
     'Taxi drivers: foreign citizens working under a patent may not be engaged (ban extended through 2026).',
     'Decree of the Governor of Saint Petersburg (December 2025), under Federal Law No. 115-FZ art. 13.3 para. 16'),
    ('0192f0a0-0000-7000-8000-000000000004', 2026, 'RU-SPE', '9621',
     'Couriers: foreign citizens working under a patent may not be engaged (ban extended through 2026).',
     'Decree of the Governor of Saint Petersburg (December 2025), under Federal Law No. 115-FZ art. 13.3 para. 16'),
    ('0192f0a0-0000-7000-8000-000000000005', 2026, 'RU-AST', '8322',
     'Passenger transport, taxis included: foreign citizens working under a patent may not be engaged in 2026.',
     'Decree of the Governor of Astrakhan Oblast (December 2025), under Federal Law No. 115-FZ art. 13.3 para. 16'),
    ('0192f0a0-0000-7000-8000-000000000006', 2026, 'RU-AST', '8331',
     'Passenger transport, buses included: foreign citizens working under a patent may not be engaged in 2026.',
     'Decree of the Governor of Astrakhan Oblast (December 2025), under Federal Law No. 115-FZ art. 13.3 para. 16'),
    ('0192f0a0-0000-7000-8000-000000000007', 2026, 'RU-KRS', '8322',
     'Land passenger transport, taxis included: foreign citizens working under a patent may not be engaged from 01.01.2026.',
     'Decree of the Governor of Kursk Oblast (December 2025), under Federal Law No. 115-FZ art. 13.3 para. 16'),
    ('0192f0a0-0000-7000-8000-000000000008', 2026, 'RU-KRS', '9621',
     'Courier delivery: foreign citizens working under a patent may not be engaged from 01.01.2026.',
     'Decree of the Governor of Kursk Oblast (December 2025), under Federal Law No. 115-FZ art. 13.3 para. 16'),
    ('0192f0a0-0000-7000-8000-000000000009', 2026, 'RU-KHA', '8322',
     'Taxis and hired cars with a driver (OKVED 49.32): foreign citizens working under a patent may not be engaged in 2026.',
     'Decree of the Governor of Khabarovsk Krai (December 2025), under Federal Law No. 115-FZ art. 13.3 para. 16'),
    ('0192f0a0-0000-7000-8000-00000000000a', 2026, 'RU-KHA', '8331',
     'City, suburban and international buses: foreign citizens working under a patent may not be engaged in 2026.',
     'Decree of the Governor of Khabarovsk Krai (December 2025), under Federal Law No. 115-FZ art. 13.3 para. 16');
