-- Outgoing webhooks (REFERENCE-API §4; docs/adr/0012). Endpoints per organisation; row triggers on the
-- subscribed tables capture each change in the changing transaction (webhooks.captures); the
-- dispatcher turns committed captures into deliveries (payload frozen once per endpoint) and sends
-- them. Deleted rows keep their last state in the capture, so a "destroyed" payload can be rebuilt.
create schema if not exists webhooks;

create table webhooks.endpoints (
    id               bigint generated always as identity primary key,
    organisation_id  bigint not null references organisations.organisations (id) on delete cascade,
    target_url       text not null check (length(target_url) between 1 and 2000),
    -- The HMAC key: needed in clear to sign; never returned by the API, masked in the UI.
    secret           text not null check (length(secret) between 1 and 500),
    subscriptions    text[] not null default array['rdv', 'absence', 'plage_ouverture']
        check (subscriptions <@ array['rdv', 'absence', 'plage_ouverture', 'user', 'user_profile', 'organisation',
                                      'motif', 'lieu', 'agent', 'agent_role', 'referent_assignation']),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    constraint endpoints_target_url_per_organisation unique (organisation_id, target_url)
);
create trigger endpoints_touch before update on webhooks.endpoints for each row execute function public.touch_updated_at();

-- One row per changed record and transaction, written by webhooks.capture(); consumed (deleted) by
-- the dispatcher once committed. A replay (endpoint_id set) targets one endpoint only.
create table webhooks.captures (
    id           bigint generated always as identity primary key,
    txid         xid8 not null default pg_current_xact_id(),
    model        text not null,
    record_id    bigint not null,
    second_id    bigint,
    event        text not null check (event in ('created', 'updated', 'destroyed')),
    reason       text check (reason in ('rgpd')),
    endpoint_id  bigint references webhooks.endpoints (id) on delete cascade,
    -- Deleted rows: their last state, restored in a rolled-back savepoint to build the payload.
    source       regclass,
    old_row      jsonb,
    restore_rank smallint,
    captured_at  timestamptz not null default now()
);

create table webhooks.deliveries (
    id               bigint generated always as identity primary key,
    endpoint_id      bigint not null references webhooks.endpoints (id) on delete cascade,
    model            text not null,
    event            text not null check (event in ('created', 'updated', 'destroyed')),
    reason           text check (reason in ('rgpd')),
    record_id        bigint not null,
    second_id        bigint,
    payload          bytea not null,
    status           text not null default 'pending' check (status in ('pending', 'delivered', 'failed', 'abandoned')),
    attempts         integer not null default 0 check (attempts >= 0),
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    last_status_code integer,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    delivered_at     timestamptz
);
create index deliveries_due on webhooks.deliveries (next_attempt_at, id) where status = 'pending';
-- Order per record: an older pending delivery of the same record holds the newer ones back.
create index deliveries_pending_per_record on webhooks.deliveries (endpoint_id, model, record_id, id) where status = 'pending';
create index deliveries_per_endpoint on webhooks.deliveries (endpoint_id, id desc);

-- Commits wake the dispatchers (LISTEN webhooks).
create function webhooks.notify() returns trigger
    language plpgsql as $$
begin
    perform pg_notify('webhooks', '');
    return null;
end $$;
create trigger captures_notify after insert on webhooks.captures for each statement execute function webhooks.notify();
create trigger deliveries_notify after insert on webhooks.deliveries for each statement execute function webhooks.notify();

-- The capture trigger. Arguments: the subscription key, the column holding the record id (the
-- touched record for child rows, e.g. rdv_id), the second key column for join records ('' if none),
-- whether the row IS the record (true) or only touches it ('updated' on any change), and the restore
-- rank (parents first). Costs one index-free look-up of the tiny endpoints table when nobody
-- subscribes; transaction-local settings: webhooks.skip = 'on' (no capture), webhooks.reason = 'rgpd'.
create function webhooks.capture() returns trigger
    language plpgsql as $$
declare
    model       text := TG_ARGV[0];
    own_record  boolean := TG_ARGV[3]::boolean;
    row_data    jsonb;
    record_id   bigint;
    second_id   bigint;
    event       text;
begin
    if current_setting('webhooks.skip', true) = 'on' then
        return null;
    end if;
    -- Deletions are kept whenever any endpoint exists: a destroyed record's payload may need them.
    if TG_OP = 'DELETE' then
        if not exists (select 1 from webhooks.endpoints) then return null; end if;
        row_data := to_jsonb(old);
    else
        if not exists (select 1 from webhooks.endpoints where subscriptions @> array[model]) then return null; end if;
        row_data := to_jsonb(new);
    end if;
    record_id := (row_data ->> TG_ARGV[1])::bigint;
    if TG_ARGV[2] <> '' then second_id := (row_data ->> TG_ARGV[2])::bigint; end if;
    event := case when not own_record then 'updated'
                  when TG_OP = 'INSERT' then 'created'
                  when TG_OP = 'UPDATE' then 'updated'
                  else 'destroyed' end;
    insert into webhooks.captures (model, record_id, second_id, event, reason, source, old_row, restore_rank)
    values (model, record_id, second_id, event, nullif(current_setting('webhooks.reason', true), ''),
            case when TG_OP = 'DELETE' then TG_RELID::regclass end,
            case when TG_OP = 'DELETE' then row_data end,
            TG_ARGV[4]::smallint);
    return null;
end $$;

create trigger webhooks_capture after insert or update or delete on organisations.organisations
    for each row execute function webhooks.capture('organisation', 'id', '', 'true', '0');
create trigger webhooks_capture after insert or update or delete on organisations.agents
    for each row execute function webhooks.capture('agent', 'id', '', 'true', '1');
create trigger webhooks_capture after insert or update or delete on usagers.users
    for each row execute function webhooks.capture('user', 'id', '', 'true', '1');
create trigger webhooks_capture after insert or update or delete on organisations.lieux
    for each row execute function webhooks.capture('lieu', 'id', '', 'true', '2');
create trigger webhooks_capture after insert or update or delete on organisations.motifs
    for each row execute function webhooks.capture('motif', 'id', '', 'true', '2');
create trigger webhooks_capture after insert or update or delete on organisations.agent_roles
    for each row execute function webhooks.capture('agent_role', 'id', '', 'true', '3');
create trigger webhooks_capture after insert or update or delete on usagers.user_profiles
    for each row execute function webhooks.capture('user_profile', 'user_id', 'organisation_id', 'true', '3');
create trigger webhooks_capture after insert or update or delete on usagers.referent_assignations
    for each row execute function webhooks.capture('referent_assignation', 'user_id', 'agent_id', 'true', '3');
create trigger webhooks_capture after insert or update or delete on availability.plage_ouvertures
    for each row execute function webhooks.capture('plage_ouverture', 'id', '', 'true', '3');
create trigger webhooks_capture after insert or update or delete on availability.motifs_plage_ouvertures
    for each row execute function webhooks.capture('plage_ouverture', 'plage_ouverture_id', '', 'false', '4');
create trigger webhooks_capture after insert or update or delete on availability.absences
    for each row execute function webhooks.capture('absence', 'id', '', 'true', '3');
create trigger webhooks_capture after insert or update or delete on booking.rdvs
    for each row execute function webhooks.capture('rdv', 'id', '', 'true', '4');
create trigger webhooks_capture after insert or update or delete on booking.agents_rdvs
    for each row execute function webhooks.capture('rdv', 'rdv_id', '', 'false', '5');
create trigger webhooks_capture after insert or update or delete on booking.participations
    for each row execute function webhooks.capture('rdv', 'rdv_id', '', 'false', '5');

-- Puts back, inside the caller's savepoint, the rows deleted by the transaction whose captures start at
-- p_from_capture and by every transaction captured after it (all committed, not built yet), parents
-- first, so the API reader can serialise a destroyed record in its last state even when its parents
-- (a motif, an agent) were deleted since. Rows that no longer fit (a newer conflicting row) are
-- skipped. Capture is off meanwhile.
create function webhooks.restore_deleted(p_from_capture bigint) returns integer
    language plpgsql as $$
declare
    c        record;
    columns  text;
    restored integer := 0;
begin
    perform set_config('webhooks.skip', 'on', true);
    for c in select source, old_row from webhooks.captures
              where id >= p_from_capture and old_row is not null
              order by restore_rank, id loop
        select string_agg(quote_ident(attname), ', ' order by attnum) into columns
          from pg_attribute
         where attrelid = c.source and attnum > 0 and not attisdropped and attgenerated = '';
        begin
            execute format('insert into %s (%s) overriding system value select %s from jsonb_populate_record(null::%s, $1) on conflict do nothing',
                           c.source, columns, columns, c.source)
              using c.old_row;
            restored := restored + 1;
        exception when others then
            null;
        end;
    end loop;
    perform set_config('webhooks.skip', 'off', true);
    return restored;
end $$;
