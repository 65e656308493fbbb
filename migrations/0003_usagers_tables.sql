-- Usagers module: members of the public, their relatives, their organisations and référents.

create table usagers.users (
    id                              bigint generated always as identity primary key,
    first_name                      text not null,
    last_name                       text not null,
    birth_name                      text,
    birth_date                      date,
    -- Blank e-mails are stored as NULL so the unique index only covers real addresses.
    email                           citext,
    phone_number                    text,
    phone_number_formatted          text check (phone_number_formatted ~ '^\+[1-9][0-9]{6,14}$'),
    address                         text,
    address_details                 text,
    city_code                       text,
    post_code                       text,
    city_name                       text,
    latitude                        double precision,
    longitude                       double precision,
    notify_by_sms                   boolean not null default true,
    notify_by_email                 boolean not null default true,
    -- A relative ("proche") points at the usager responsible for it; notifications go there.
    responsible_id                  bigint references usagers.users (id),
    caisse_affiliation              smallint check (caisse_affiliation between 0 and 2),
    affiliation_number              text,
    family_situation                smallint check (family_situation between 0 and 2),
    number_of_children              integer check (number_of_children >= 0),
    logement                        smallint check (logement between 0 and 5),
    notes                           text,
    case_number                     text,
    ants_pre_demande_number         text,
    rdv_invitation_token            text unique check (rdv_invitation_token ~ '^[A-Z0-9]{8}$'),
    rdv_invitation_token_updated_at timestamptz,
    created_through                 text not null default 'unknown' check (created_through in ('unknown', 'agent_creation', 'user_sign_up', 'franceconnect_sign_up', 'user_relative_creation', 'agent_creation_api', 'prescripteur')),
    invited_through                 text check (invited_through in ('devise_email', 'external')),
    franceconnect_openid_sub        text unique,
    logged_once_with_franceconnect  boolean not null default false,
    confirmed_at                    timestamptz,
    -- Soft delete: personal data is wiped when set (anonymisation), the row stays for statistics.
    deleted_at                      timestamptz,
    created_at                      timestamptz not null default now(),
    updated_at                      timestamptz not null default now(),
    constraint users_not_own_responsible check (responsible_id <> id),
    constraint users_birth_date_realistic check (birth_date is null or birth_date >= date '1890-01-01')
);
create unique index users_email_unique on usagers.users (email) where email is not null;
create index users_responsible_idx on usagers.users (responsible_id) where responsible_id is not null;
create index users_phone_idx on usagers.users (phone_number_formatted) where phone_number_formatted is not null;
create index users_name_search_idx on usagers.users (lower(public.immutable_unaccent(last_name)), lower(public.immutable_unaccent(first_name)));

-- A relative cannot be the responsible of its own responsible (only one level of family).
create or replace function usagers.check_responsible() returns trigger
    language plpgsql as $$
begin
    if new.responsible_id is not null and exists (
        select 1 from usagers.users r where r.id = new.responsible_id and r.responsible_id is not null) then
        raise exception 'responsible % is itself a relative', new.responsible_id using errcode = '23514';
    end if;
    return new;
end $$;
create trigger users_check_responsible before insert or update of responsible_id on usagers.users
    for each row execute function usagers.check_responsible();
create trigger users_touch before update on usagers.users for each row execute function public.touch_updated_at();

create table usagers.user_profiles (
    id              bigint generated always as identity primary key,
    user_id         bigint not null references usagers.users (id) on delete cascade,
    organisation_id bigint not null references organisations.organisations (id),
    created_at      timestamptz not null default now(),
    constraint user_profiles_unique unique (organisation_id, user_id)
);
create index user_profiles_user_idx on usagers.user_profiles (user_id);

create table usagers.referent_assignations (
    id         bigint generated always as identity primary key,
    user_id    bigint not null references usagers.users (id) on delete cascade,
    agent_id   bigint not null references organisations.agents (id) on delete cascade,
    created_at timestamptz not null default now(),
    constraint referent_assignations_unique unique (user_id, agent_id)
);
create index referent_assignations_agent_idx on usagers.referent_assignations (agent_id);
