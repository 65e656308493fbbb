-- Booking module: rdvs, the agents attending them, participations, waiting list, prescripteurs.

create table booking.prescripteurs (
    id                      bigint generated always as identity primary key,
    first_name              text not null,
    last_name               text not null,
    email                   citext not null,
    phone_number            text,
    phone_number_formatted  text,
    created_at              timestamptz not null default now()
);

create table booking.rdvs (
    id                      bigint generated always as identity primary key,
    -- Public id: ICS UID, reply-to address, visio URL.
    uuid                    uuid not null default gen_random_uuid() unique,
    starts_at               timestamptz not null,
    ends_at                 timestamptz not null,
    organisation_id         bigint not null references organisations.organisations (id),
    motif_id                bigint not null references organisations.motifs (id),
    lieu_id                 bigint references organisations.lieux (id),
    status                  text not null default 'unknown' check (status in ('unknown', 'seen', 'excused', 'revoked', 'noshow')),
    cancelled_at            timestamptz,
    context                 text,
    name                    text,
    max_participants_count  integer check (max_participants_count > 0),
    -- Non-cancelled participations; kept by the repository in the same transaction as the change.
    users_count             integer not null default 0 check (users_count >= 0),
    created_by_type         text not null check (created_by_type in ('Agent', 'User', 'Prescripteur', 'FileAttente')),
    created_by_id           bigint,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    constraint rdvs_starts_before_ends check (starts_at < ends_at),
    constraint rdvs_starts_at_realistic check (starts_at >= timestamptz '2018-01-01 00:00:00+00')
);
create index rdvs_period_idx on booking.rdvs using gist (tstzrange(starts_at, ends_at, '[)'));
create index rdvs_motif_starts_idx on booking.rdvs (motif_id, starts_at);
create index rdvs_organisation_starts_idx on booking.rdvs (organisation_id, starts_at);
create index rdvs_lieu_idx on booking.rdvs (lieu_id);

-- starts_at/ends_at are copied from the rdv (by triggers, never by hand) so that PostgreSQL can
-- refuse double bookings per agent with an exclusion constraint (ARCHITECTURE §5).
-- "exclusive" is set at insert for rdvs booked by usagers/prescripteurs through slots and cleared
-- when the rdv is cancelled; agents' own rdvs stay non-exclusive because agents may overlap on purpose.
create table booking.agents_rdvs (
    id                          bigint generated always as identity primary key,
    agent_id                    bigint not null references organisations.agents (id),
    rdv_id                      bigint not null references booking.rdvs (id) on delete cascade,
    starts_at                   timestamptz not null,
    ends_at                     timestamptz not null,
    exclusive                   boolean not null default false,
    outlook_id                  text,
    outlook_create_in_progress  boolean not null default false,
    constraint agents_rdvs_unique unique (rdv_id, agent_id),
    constraint agents_rdvs_no_double_booking exclude using gist (
        agent_id with =,
        tstzrange(starts_at, ends_at, '[)') with &&) where (exclusive)
);
create index agents_rdvs_agent_period_idx on booking.agents_rdvs using gist (agent_id, tstzrange(starts_at, ends_at, '[)'));

create or replace function booking.agents_rdvs_copy_period() returns trigger
    language plpgsql as $$
declare
    rdv record;
begin
    select r.starts_at, r.ends_at, r.status into rdv from booking.rdvs r where r.id = new.rdv_id;
    new.starts_at := rdv.starts_at;
    new.ends_at := rdv.ends_at;
    if rdv.status in ('excused', 'revoked') then
        new.exclusive := false;
    end if;
    return new;
end $$;
create trigger agents_rdvs_copy_period before insert or update of rdv_id, starts_at, ends_at on booking.agents_rdvs
    for each row execute function booking.agents_rdvs_copy_period();

-- Moving an rdv moves its agents' rows (the exclusion constraint re-checks them); cancelling it
-- frees the slot. Re-opening a cancelled rdv does not make it exclusive again (agent action).
create or replace function booking.rdvs_propagate_period() returns trigger
    language plpgsql as $$
begin
    update booking.agents_rdvs ar
       set starts_at = new.starts_at,
           ends_at = new.ends_at,
           exclusive = ar.exclusive and new.status not in ('excused', 'revoked')
     where ar.rdv_id = new.id;
    return null;
end $$;
create trigger rdvs_propagate_period after update of starts_at, ends_at, status on booking.rdvs
    for each row
    when (old.starts_at is distinct from new.starts_at or old.ends_at is distinct from new.ends_at or old.status is distinct from new.status)
    execute function booking.rdvs_propagate_period();
create trigger rdvs_touch before update on booking.rdvs for each row execute function public.touch_updated_at();

create table booking.participations (
    id                              bigint generated always as identity primary key,
    rdv_id                          bigint not null references booking.rdvs (id) on delete cascade,
    user_id                         bigint not null references usagers.users (id),
    status                          text not null default 'unknown' check (status in ('unknown', 'seen', 'excused', 'revoked', 'noshow')),
    send_lifecycle_notifications    boolean not null,
    send_reminder_notification      boolean not null,
    -- One stable token per participation (links in every notification), rotated only on purpose.
    -- Stored in clear because each new notification must embed the same link.
    token                           text not null unique check (length(token) >= 16),
    token_created_at                timestamptz not null default now(),
    created_by_type                 text not null check (created_by_type in ('Agent', 'User', 'Prescripteur', 'FileAttente')),
    created_by_id                   bigint,
    created_by_agent_prescripteur   boolean not null default false,
    created_at                      timestamptz not null default now(),
    updated_at                      timestamptz not null default now(),
    constraint participations_unique unique (rdv_id, user_id)
);
create index participations_user_idx on booking.participations (user_id);
create trigger participations_touch before update on booking.participations for each row execute function public.touch_updated_at();

create table booking.file_attentes (
    id                    bigint generated always as identity primary key,
    rdv_id                bigint not null references booking.rdvs (id) on delete cascade,
    user_id               bigint not null references usagers.users (id),
    notifications_sent    integer not null default 0,
    last_creneau_sent_at  timestamptz,
    created_at            timestamptz not null default now(),
    constraint file_attentes_unique unique (rdv_id, user_id)
);
