-- The motif slug (the reference's "name_with_location_type") is read by every public search step.
-- Computing it per row goes through unaccent (about half a millisecond a row): store it once instead.
alter table organisations.motifs
    add column slug text generated always as (public.motif_slug(name, location_type)) stored;

drop index if exists organisations.motifs_slug_idx;
create index motifs_slug_idx on organisations.motifs (slug) where deleted_at is null;
