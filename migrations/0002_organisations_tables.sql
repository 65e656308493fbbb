-- Organisations module: tenancy, catalogue, agents, places. Enum-like columns are text + CHECK
-- (values of REFERENCE-DOMAIN §2.1): readable in psql, trivial to map with Dapper, and adding a value
-- is a plain constraint swap inside a transaction.

create table organisations.territories (
    id                                    bigint generated always as identity primary key,
    departement_number                    text not null default '' check (length(departement_number) <= 3),
    name                                  text not null,
    phone_number                          text,
    phone_number_formatted                text,
    sms_provider                          text check (sms_provider in ('netsize', 'send_in_blue', 'contact_experience', 'sfr_mail2sms', 'clever_technologies', 'orange_contact_everyone')),
    sms_configuration                     text,
    has_own_sms_provider                  boolean not null default false,
    enable_notes_field                    boolean not null default false,
    enable_caisse_affiliation_field       boolean not null default false,
    enable_affiliation_number_field       boolean not null default false,
    enable_family_situation_field         boolean not null default false,
    enable_number_of_children_field       boolean not null default false,
    enable_logement_field                 boolean not null default false,
    enable_case_number                    boolean not null default false,
    enable_address_details                boolean not null default false,
    enable_context_field                  boolean not null default false,
    enable_waiting_room_mail_field        boolean not null default false,
    enable_waiting_room_color_field       boolean not null default false,
    visible_users_throughout_the_territory boolean not null default false,
    -- Public holidays differ by territory (ARCHITECTURE §5): Alsace-Moselle adds two days, overseas
    -- départements add their own (codes of Domain HolidayCalendar). Derived, so it can never disagree with the département number.
    holiday_calendar                      text generated always as (
        case
            when departement_number in ('57', '67', '68') then 'alsace_moselle'
            when departement_number = '971' then 'guadeloupe'
            when departement_number = '972' then 'martinique'
            when departement_number = '973' then 'guyane'
            when departement_number = '974' then 'la_reunion'
            when departement_number = '976' then 'mayotte'
            else 'metropolitan'
        end) stored,
    created_at                            timestamptz not null default now(),
    updated_at                            timestamptz not null default now(),
    constraint territories_name_unique unique (name)
);
create index territories_departement_number_idx on organisations.territories (departement_number) where departement_number <> '';

create table organisations.organisations (
    id              bigint generated always as identity primary key,
    territory_id    bigint not null references organisations.territories (id),
    name            text not null,
    horaires        text,
    -- Blank, a valid phone, or a 4-digit short number (validated in the application).
    phone_number    text,
    email           text,
    website         text,
    external_id     text,
    time_zone       text not null default 'Europe/Paris',
    verticale       text not null default 'rdv_solidarites' check (verticale in ('rdv_insertion', 'rdv_solidarites', 'rdv_aide_numerique', 'rdv_mairie')),
    -- Organisation opted into the new brand domain (rdv.anct.gouv.fr) for links and e-mails.
    new_domain      boolean not null default false,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint organisations_name_per_territory unique (territory_id, name),
    constraint organisations_external_id_per_territory unique (territory_id, external_id)
);

create table organisations.services (
    id          bigint generated always as identity primary key,
    name        citext not null unique,
    short_name  citext not null unique,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table organisations.territory_services (
    territory_id bigint not null references organisations.territories (id) on delete cascade,
    service_id   bigint not null references organisations.services (id) on delete cascade,
    primary key (territory_id, service_id)
);

create table organisations.motif_categories (
    id          bigint generated always as identity primary key,
    name        text not null unique,
    short_name  text not null unique,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);

create table organisations.motif_categories_territories (
    motif_category_id bigint not null references organisations.motif_categories (id) on delete cascade,
    territory_id      bigint not null references organisations.territories (id) on delete cascade,
    primary key (motif_category_id, territory_id)
);

create table organisations.teams (
    id           bigint generated always as identity primary key,
    territory_id bigint not null references organisations.territories (id),
    name         text not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint teams_name_per_territory unique (territory_id, name)
);

create table organisations.motifs (
    id                              bigint generated always as identity primary key,
    organisation_id                 bigint not null references organisations.organisations (id),
    service_id                      bigint not null references organisations.services (id),
    motif_category_id               bigint references organisations.motif_categories (id),
    name                            text not null,
    color                           text not null check (color ~ '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$'),
    -- The reference accepts 0 (an infinite loop in the slot engine); RdvSP requires > 0 on a 5-minute grid.
    default_duration_in_min         integer not null default 30 check (default_duration_in_min > 0 and default_duration_in_min % 5 = 0),
    location_type                   text not null default 'public_office' check (location_type in ('public_office', 'home', 'phone', 'visio')),
    collectif                       boolean not null default false,
    bookable_by                     text not null default 'agents' check (bookable_by in ('agents', 'agents_and_prescripteurs', 'agents_and_prescripteurs_and_invited_users', 'everyone')),
    min_public_booking_delay        integer not null default 1800 check (min_public_booking_delay >= 1800),
    max_public_booking_delay        integer not null default 7889238,
    visibility_type                 text not null default 'visible_and_notified' check (visibility_type in ('visible_and_notified', 'visible_and_not_notified', 'invisible')),
    sectorisation_level             text not null default 'departement' check (sectorisation_level in ('departement', 'organisation', 'agent')),
    follow_up                       boolean not null default false,
    for_secretariat                 boolean not null default false,
    restriction_for_rdv             text,
    instruction_for_rdv             text,
    custom_cancel_warning_message   text,
    rdvs_editable_by_user           boolean not null default true,
    rdvs_cancellable_by_user        boolean not null default true,
    -- RdvSP options (null = reference behaviour): a gap after each rdv, and a slot grid step
    -- different from the duration.
    buffer_after_minutes            integer check (buffer_after_minutes >= 0 and buffer_after_minutes % 5 = 0),
    slot_step_minutes               integer check (slot_step_minutes > 0 and slot_step_minutes % 5 = 0),
    deleted_at                      timestamptz,
    created_at                      timestamptz not null default now(),
    updated_at                      timestamptz not null default now(),
    constraint motifs_delays check (max_public_booking_delay > min_public_booking_delay),
    constraint motifs_collectif_on_site check (not collectif or location_type = 'public_office'),
    constraint motifs_follow_up_not_secretariat check (not (follow_up and for_secretariat))
);
-- Name unique among active motifs per (organisation, location type, service).
create unique index motifs_active_name_unique on organisations.motifs (organisation_id, location_type, service_id, name) where deleted_at is null;
create index motifs_slug_idx on organisations.motifs (public.motif_slug(name, location_type)) where deleted_at is null;
create index motifs_service_idx on organisations.motifs (service_id);

create table organisations.lieux (
    id                      bigint generated always as identity primary key,
    organisation_id         bigint not null references organisations.organisations (id),
    name                    text not null,
    address                 text not null,
    latitude                double precision not null check (latitude between -90 and 90),
    longitude               double precision not null check (longitude between -180 and 180),
    phone_number            text,
    phone_number_formatted  text,
    availability            text not null default 'enabled' check (availability in ('enabled', 'disabled', 'single_use')),
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now()
);
create index lieux_organisation_idx on organisations.lieux (organisation_id);

create table organisations.agents (
    id                                  bigint generated always as identity primary key,
    email                               citext,
    first_name                          text,
    last_name                           text not null,
    rdv_notifications_level             text not null default 'others' check (rdv_notifications_level in ('all', 'others', 'soon', 'none')),
    plage_ouverture_notification_level  text not null default 'all' check (plage_ouverture_notification_level in ('all', 'none')),
    absence_notification_level          text not null default 'all' check (absence_notification_level in ('all', 'none')),
    unknown_past_rdv_count              integer not null default 0,
    display_saturdays                   boolean not null default false,
    display_cancelled_rdv               boolean not null default true,
    external_id                         text unique,
    calendar_uid                        text unique,
    email_original                      citext,
    account_deletion_warning_sent_at    timestamptz,
    deleted_at                          timestamptz,
    created_at                          timestamptz not null default now(),
    updated_at                          timestamptz not null default now()
);
-- E-mail optional (intervenants have none), unique when present.
create unique index agents_email_unique on organisations.agents (email) where email is not null;

create table organisations.agent_roles (
    id              bigint generated always as identity primary key,
    agent_id        bigint not null references organisations.agents (id) on delete cascade,
    organisation_id bigint not null references organisations.organisations (id),
    access_level    text not null default 'basic' check (access_level in ('admin', 'basic', 'intervenant')),
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    constraint agent_roles_unique unique (organisation_id, agent_id)
);
create index agent_roles_agent_idx on organisations.agent_roles (agent_id);

create table organisations.agent_services (
    agent_id   bigint not null references organisations.agents (id) on delete cascade,
    service_id bigint not null references organisations.services (id),
    created_at timestamptz not null default now(),
    primary key (agent_id, service_id)
);

create table organisations.agent_teams (
    agent_id bigint not null references organisations.agents (id) on delete cascade,
    team_id  bigint not null references organisations.teams (id) on delete cascade,
    primary key (team_id, agent_id)
);

create table organisations.agent_territorial_roles (
    agent_id     bigint not null references organisations.agents (id) on delete cascade,
    territory_id bigint not null references organisations.territories (id) on delete cascade,
    primary key (agent_id, territory_id)
);

-- Sectorisation (minimal; REFERENCE-DOMAIN §2.12, §5.11).
create table organisations.sectors (
    id           bigint generated always as identity primary key,
    territory_id bigint not null references organisations.territories (id),
    name         text not null,
    human_id     text not null,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint sectors_human_id_per_territory unique (territory_id, human_id)
);

create table organisations.zones (
    id            bigint generated always as identity primary key,
    sector_id     bigint not null references organisations.sectors (id) on delete cascade,
    level         text not null check (level in ('city', 'street')),
    city_name     text not null,
    city_code     text not null,
    street_name   text,
    street_ban_id text,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    constraint zones_street_fields check (
        (level = 'city' and street_name is null and street_ban_id is null)
        or (level = 'street' and street_name is not null and street_ban_id is not null and street_ban_id like city_code || '\_%'))
);
create unique index zones_city_per_sector on organisations.zones (sector_id, city_code) where level = 'city';
create unique index zones_street_per_sector on organisations.zones (sector_id, street_ban_id) where level = 'street';
create index zones_city_code_idx on organisations.zones (city_code);

create table organisations.sector_attributions (
    id              bigint generated always as identity primary key,
    sector_id       bigint not null references organisations.sectors (id) on delete cascade,
    organisation_id bigint not null references organisations.organisations (id) on delete cascade,
    level           text not null check (level in ('organisation', 'agent')),
    agent_id        bigint references organisations.agents (id) on delete cascade,
    constraint sector_attributions_agent check ((level = 'agent') = (agent_id is not null))
);

create trigger territories_touch before update on organisations.territories for each row execute function public.touch_updated_at();
create trigger organisations_touch before update on organisations.organisations for each row execute function public.touch_updated_at();
create trigger motifs_touch before update on organisations.motifs for each row execute function public.touch_updated_at();
create trigger lieux_touch before update on organisations.lieux for each row execute function public.touch_updated_at();
create trigger agents_touch before update on organisations.agents for each row execute function public.touch_updated_at();
