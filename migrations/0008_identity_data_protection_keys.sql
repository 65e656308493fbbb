-- ASP.NET Core data-protection keys (they sign and encrypt the auth and antiforgery cookies).
-- Kept in PostgreSQL, not in Redis: a Redis flush or restart must neither sign anyone out nor make
-- the web instances disagree on their keys (ARCHITECTURE §7). Rows are written once, never updated.
create table identity.data_protection_keys (
    id            bigint generated always as identity primary key,
    friendly_name text not null unique,
    xml           text not null,
    created_at    timestamptz not null default now()
);
