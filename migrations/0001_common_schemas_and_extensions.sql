-- One schema per module (ARCHITECTURE §2). Extensions live in public so every schema sees them.
--   btree_gist: equality on bigint inside GiST exclusion constraints (no double booking).
--   citext:     case-insensitive e-mails.
--   unaccent:   accent-insensitive search and the motif slug ("name_with_location_type").
create extension if not exists btree_gist;
create extension if not exists citext;
create extension if not exists unaccent;

create schema if not exists organisations;
create schema if not exists usagers;
create schema if not exists availability;
create schema if not exists booking;
create schema if not exists identity;

-- unaccent() is only STABLE (it depends on the dictionary search path); this wrapper pins the
-- dictionary so it can be used in indexes and generated columns.
create or replace function public.immutable_unaccent(value text) returns text
    language sql immutable parallel safe strict
    as $$ select public.unaccent('public.unaccent'::regdictionary, value) $$;

-- The reference's motif URL slug: lower-cased, transliterated, runs of non [0-9a-z] -> "_",
-- then "-<location_type>". Groups motifs with the same name across organisations.
create or replace function public.motif_slug(name text, location_type text) returns text
    language sql immutable parallel safe strict
    as $$ select regexp_replace(lower(public.immutable_unaccent(name)), '[^0-9a-z]+', '_', 'g') || '-' || location_type $$;

-- Shared trigger body: keeps updated_at honest without relying on every UPDATE statement.
create or replace function public.touch_updated_at() returns trigger
    language plpgsql as $$
begin
    new.updated_at := now();
    return new;
end $$;
