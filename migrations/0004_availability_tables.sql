-- Availability module: opening periods (plages d'ouverture) and absences. Dates and times are
-- wall-clock values in the organisation's time zone (ARCHITECTURE §4); recurrence is the
-- reference's JSON (every, interval, on, day, starts, until), stored as jsonb.

create table availability.plage_ouvertures (
    id                  bigint generated always as identity primary key,
    agent_id            bigint not null references organisations.agents (id) on delete cascade,
    organisation_id     bigint not null references organisations.organisations (id),
    lieu_id             bigint references organisations.lieux (id),
    title               text not null,
    first_day           date not null,
    start_time          time not null,
    end_time            time not null,
    recurrence          jsonb check (recurrence is null or jsonb_typeof(recurrence) = 'object'),
    -- Local end of the recurrence's "until" day; NULL = open-ended (or not recurring).
    recurrence_ends_at  timestamp,
    expired_cached      boolean not null default false,
    -- Days on which occurrences may fall, for GiST range pre-filtering (upper NULL = unbounded).
    active_days         daterange generated always as (
        case when recurrence is null then daterange(first_day, first_day, '[]')
             else daterange(first_day, recurrence_ends_at::date, '[]') end) stored,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint plage_ouvertures_times check (end_time > start_time),
    constraint plage_ouvertures_first_day_realistic check (first_day >= date '2018-01-01'),
    constraint plage_ouvertures_recurrence_end check (recurrence_ends_at is null or (recurrence is not null and recurrence_ends_at::date > first_day))
);
create index plage_ouvertures_active_days_idx on availability.plage_ouvertures using gist (agent_id, active_days) where not expired_cached;
create index plage_ouvertures_days_idx on availability.plage_ouvertures using gist (active_days) where not expired_cached;
create index plage_ouvertures_lieu_idx on availability.plage_ouvertures (lieu_id);
create index plage_ouvertures_organisation_idx on availability.plage_ouvertures (organisation_id);

create table availability.motifs_plage_ouvertures (
    plage_ouverture_id bigint not null references availability.plage_ouvertures (id) on delete cascade,
    motif_id           bigint not null references organisations.motifs (id),
    primary key (plage_ouverture_id, motif_id)
);
create index motifs_plage_ouvertures_motif_idx on availability.motifs_plage_ouvertures (motif_id, plage_ouverture_id);

-- Agent-wide: an absence applies in every organisation of the agent (no organisation column).
create table availability.absences (
    id                  bigint generated always as identity primary key,
    agent_id            bigint not null references organisations.agents (id) on delete cascade,
    title               text not null,
    first_day           date not null,
    start_time          time not null,
    end_day             date not null,
    end_time            time not null,
    recurrence          jsonb check (recurrence is null or jsonb_typeof(recurrence) = 'object'),
    recurrence_ends_at  timestamp,
    expired_cached      boolean not null default false,
    active_days         daterange generated always as (
        case when recurrence is null then daterange(first_day, end_day, '[]')
             else daterange(first_day, recurrence_ends_at::date, '[]') end) stored,
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint absences_start_before_end check ((first_day + start_time) < (end_day + end_time)),
    constraint absences_recurring_single_day check (recurrence is null or end_day = first_day),
    constraint absences_first_day_realistic check (first_day >= date '2018-01-01'),
    constraint absences_recurrence_end check (recurrence_ends_at is null or (recurrence is not null and recurrence_ends_at::date > first_day))
);
create index absences_active_days_idx on availability.absences using gist (agent_id, active_days) where not expired_cached;

create trigger plage_ouvertures_touch before update on availability.plage_ouvertures for each row execute function public.touch_updated_at();
create trigger absences_touch before update on availability.absences for each row execute function public.touch_updated_at();
