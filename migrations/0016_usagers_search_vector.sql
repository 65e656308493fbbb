-- Agents' usager search (REFERENCE-SURFACES §2.3.8): full text with prefix matching, accents and case
-- ignored, on names, birth name, e-mail and phone. The 'simple' configuration keeps every word as
-- written (no French stemming: "Martine" must not match "Martin"), immutable_unaccent (0001) makes
-- the expression indexable. The e-mail is indexed whole and split at its punctuation ("marie",
-- "exemple"); the phone as digits in three forms so "06 12…", "+33 6 12…" and "336 12…" all find it.
alter table usagers.users add column search_vector tsvector generated always as (
    to_tsvector('simple', public.immutable_unaccent(
        coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(birth_name, '') || ' ' ||
        coalesce(email::text, '') || ' ' || coalesce(translate(email::text, '@.-_+', '     '), '') || ' ' ||
        coalesce(regexp_replace(phone_number, '[^0-9]', '', 'g'), '') || ' ' ||
        coalesce(substr(phone_number_formatted, 2), '') || ' ' ||
        coalesce(case when phone_number_formatted like '+33%' then '0' || substr(phone_number_formatted, 4) end, '')))
) stored;

create index users_search_vector_idx on usagers.users using gin (search_vector);
