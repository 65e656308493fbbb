-- Audit trail (REFERENCE-SURFACES §7.4, ADR 0011): who changed which field of an audited object, from
-- what to what. One mechanism below every handler: AFTER row triggers on the audited tables write into
-- audit.versions inside the writing statement, so an entry commits or rolls back with its change.
--
-- * One entry per object per transaction: the triggers of one transaction merge into the entry of
--   (item_type, item_id, transaction); the rows that hang off an object (an RDV's agents and
--   participants, a plage's motifs, an agent's services and roles) are folded into their object's entry
--   under keys naming the member ("agents.12", "participants.34.status", "motifs.5", "services.2").
-- * changes = {"field": [old, new]}: computed here from to_jsonb(old)/to_jsonb(new) minus the columns
--   named in the trigger's arguments (technical, derived, secret); an update that leaves every recorded
--   column alone writes nothing.
-- * The author comes from transaction-local settings written by the unit of work when it begins the
--   transaction (DbSession): rdvsp.actor = 'agent:<id>' | 'usager:<id>' | 'super_admin:<id>', optional
--   rdvsp.actor_label (a label the application already knows) and rdvsp.on_behalf_of (label of the person
--   acted for). No setting (jobs, seed, psql, writes outside a transaction) = system.
-- * A usager's name is not copied: his entries store his id and the reader joins usagers.users, so an
--   anonymised usager reads "Usager supprimé" everywhere; his own history is deleted with his data.

create schema if not exists audit;

create table audit.versions (
    id              bigint generated always as identity primary key,
    item_type       text not null check (item_type in ('rdv', 'plage_ouverture', 'absence', 'motif', 'lieu', 'user', 'agent')),
    item_id         bigint not null,
    -- No foreign keys: history outlives what it describes (deleted RDVs, removed roles).
    organisation_id bigint,
    event           text not null check (event in ('create', 'update', 'destroy')),
    author_kind     text not null check (author_kind in ('agent', 'usager', 'system', 'super_admin')),
    author_id       bigint,
    author_label    text,
    on_behalf_of    text,
    changes         jsonb not null,
    transaction_id  xid8 not null default pg_current_xact_id(),
    created_at      timestamptz not null default now()
);
-- Serves both the merge of one transaction's triggers and an object's history (newest first by id).
create unique index versions_item_transaction on audit.versions (item_type, item_id, transaction_id);
-- Append-only and time-ordered: a BRIN index finds the purge's old rows for almost no write cost.
create index versions_created_at_brin on audit.versions using brin (created_at);

-- The diff of two row images (either may be null), without the ignored columns nor null-to-null pairs.
-- PL/pgSQL loops over jsonb_each rather than one aggregate query: this runs in every audited write,
-- and per-key expressions are far cheaper than planning and starting an aggregate each time.
create function audit.diff(old_row jsonb, new_row jsonb, ignored text[]) returns jsonb
    language plpgsql immutable parallel safe as $$
declare
    result jsonb := '{}'::jsonb;
    column_name text;
    old_value jsonb;
    new_value jsonb;
begin
    for column_name in select jsonb_object_keys(coalesce(new_row, old_row)) loop
        continue when column_name = any (ignored) or column_name in ('id', 'created_at', 'updated_at');
        old_value := nullif(old_row -> column_name, 'null'::jsonb);
        new_value := nullif(new_row -> column_name, 'null'::jsonb);
        if old_value is distinct from new_value then
            result := result || jsonb_build_object(column_name, jsonb_build_array(old_value, new_value));
        end if;
    end loop;
    return result;
end $$;

-- {"k": [old, new]} merged with a later {"k": [old2, new2]} keeps [old, new2]; pairs left unchanged go.
create function audit.merge_changes(earlier jsonb, later jsonb) returns jsonb
    language plpgsql immutable parallel safe as $$
declare
    result jsonb := earlier;
    change_key text;
    pair jsonb;
begin
    for change_key, pair in select key, value from jsonb_each(later) loop
        if result ? change_key then
            pair := jsonb_build_array(result -> change_key -> 0, pair -> 1);
        end if;
        if pair -> 0 = pair -> 1 then
            result := result - change_key;
        else
            result := result || jsonb_build_object(change_key, pair);
        end if;
    end loop;
    return result;
end $$;

-- Writes (or merges into) the transaction's entry of an object, with the transaction's author.
create function audit.write(p_item_type text, p_item_id bigint, p_organisation_id bigint, p_event text, p_changes jsonb) returns void
    language plpgsql as $$
declare
    existing audit.versions%rowtype;
    merged_event text;
    merged_changes jsonb;
    actor text;
    kind text;
    actor_id bigint;
    label text;
begin
    select * into existing from audit.versions
     where item_type = p_item_type and item_id = p_item_id and transaction_id = pg_current_xact_id();
    if found then
        merged_changes := audit.merge_changes(existing.changes, p_changes);
        merged_event := case
            when existing.event = p_event then p_event
            when existing.event = 'update' then p_event
            when p_event = 'update' then existing.event
            end; -- null: created and destroyed in one transaction, nothing to remember
        if merged_event is null or (merged_event = 'update' and merged_changes = '{}'::jsonb) then
            delete from audit.versions where id = existing.id;
        else
            update audit.versions
               set event = merged_event, changes = merged_changes, organisation_id = coalesce(organisation_id, p_organisation_id)
             where id = existing.id;
        end if;
        return;
    end if;
    if p_event = 'update' and p_changes = '{}'::jsonb then
        return;
    end if;
    -- A member's first change in this transaction: its object's organisation (agents span organisations).
    if p_organisation_id is null and p_item_type = 'rdv' then
        select organisation_id into p_organisation_id from booking.rdvs where id = p_item_id;
    elsif p_organisation_id is null and p_item_type = 'plage_ouverture' then
        select organisation_id into p_organisation_id from availability.plage_ouvertures where id = p_item_id;
    end if;

    actor := nullif(current_setting('rdvsp.actor', true), '');
    kind := coalesce(split_part(actor, ':', 1), 'system');
    if kind not in ('agent', 'usager', 'super_admin') then
        kind := 'system';
    else
        actor_id := split_part(actor, ':', 2)::bigint;
    end if;
    label := nullif(current_setting('rdvsp.actor_label', true), '');
    if label is null and kind = 'agent' then
        -- Once per transaction: later entries read it back from the setting.
        select nullif(concat_ws(' ', a.first_name, a.last_name), '') into label from organisations.agents a where a.id = actor_id;
        perform set_config('rdvsp.actor_label', coalesce(label, ''), true);
    end if;

    insert into audit.versions (item_type, item_id, organisation_id, event, author_kind, author_id, author_label, on_behalf_of, changes)
    values (p_item_type, p_item_id, p_organisation_id, p_event, kind, actor_id, case when kind = 'usager' then null else label end,
            nullif(current_setting('rdvsp.on_behalf_of', true), ''), p_changes);
end $$;

-- Audited object's own row. Arguments: item type, 'values' or 'no_values' (whether a creation and a
-- destruction copy the row's values), then the columns not recorded (id, created_at, updated_at never are).
create function audit.record_row() returns trigger
    language plpgsql as $$
declare
    old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
    ignored text[] := coalesce(tg_argv[2:], '{}');
    event text := case tg_op when 'INSERT' then 'create' when 'UPDATE' then 'update' else 'destroy' end;
    changes jsonb;
begin
    if event <> 'update' and tg_argv[1] = 'no_values' then
        changes := '{}'::jsonb;
    else
        changes := audit.diff(old_row, new_row, ignored);
        if event = 'update' and changes = '{}'::jsonb then
            return null; -- only unrecorded columns changed (a seat count, a cache, updated_at)
        end if;
    end if;
    perform audit.write(tg_argv[0], (coalesce(new_row, old_row) ->> 'id')::bigint,
                        (coalesce(new_row, old_row) ->> 'organisation_id')::bigint, event, changes);
    return null;
end $$;

-- A member row of an object (an RDV's agent or participant, a plage's motif, an agent's service).
-- Arguments: the object's item type, the column holding its id, the column holding the member's id,
-- the key prefix, then the member's own columns worth recording. Adding or removing a member is
-- "<prefix>.<member id>": [false, true] / [true, false]; a recorded column is "<prefix>.<member id>.<column>".
create function audit.record_member() returns trigger
    language plpgsql as $$
declare
    old_row jsonb := case when tg_op <> 'INSERT' then to_jsonb(old) end;
    new_row jsonb := case when tg_op <> 'DELETE' then to_jsonb(new) end;
    owner_column text := tg_argv[1];
    member_column text := tg_argv[2];
    prefix text := tg_argv[3];
    tracked text[] := coalesce(tg_argv[4:], '{}');
    owner_id bigint;
    changes jsonb := '{}'::jsonb;
    column_name text;
begin
    if tg_op = 'UPDATE' and (old_row -> owner_column, old_row -> member_column) is distinct from (new_row -> owner_column, new_row -> member_column) then
        -- Moved to another object or member (usagers merged): a removal then an addition.
        perform audit.write(tg_argv[0], (old_row ->> owner_column)::bigint, null, 'update',
                            jsonb_build_object(prefix || '.' || (old_row ->> member_column), jsonb_build_array(true, false)));
        old_row := null;
    end if;
    owner_id := (coalesce(new_row, old_row) ->> owner_column)::bigint;
    if old_row is null or new_row is null then
        changes := jsonb_build_object(prefix || '.' || (coalesce(new_row, old_row) ->> member_column),
                                      jsonb_build_array(old_row is not null, new_row is not null));
    else
        foreach column_name in array tracked loop
            if old_row -> column_name is distinct from new_row -> column_name then
                changes := changes || jsonb_build_object(prefix || '.' || (new_row ->> member_column) || '.' || column_name,
                                                         jsonb_build_array(old_row -> column_name, new_row -> column_name));
            end if;
        end loop;
        if changes = '{}'::jsonb then
            return null;
        end if;
    end if;
    perform audit.write(tg_argv[0], owner_id, null, 'update', changes);
    return null;
end $$;

-- An agent's role in an organisation, folded into the agent's entry as "access_level" (null = no role).
create function audit.record_agent_role() returns trigger
    language plpgsql as $$
begin
    if tg_op = 'UPDATE' and old.access_level is not distinct from new.access_level
       and old.agent_id = new.agent_id and old.organisation_id = new.organisation_id then
        return null;
    end if;
    if tg_op in ('UPDATE', 'DELETE') and (tg_op = 'DELETE' or old.agent_id <> new.agent_id or old.organisation_id <> new.organisation_id) then
        perform audit.write('agent', old.agent_id, old.organisation_id, 'update', jsonb_build_object('access_level', jsonb_build_array(old.access_level, null)));
        if tg_op = 'DELETE' then
            return null;
        end if;
        perform audit.write('agent', new.agent_id, new.organisation_id, 'update', jsonb_build_object('access_level', jsonb_build_array(null, new.access_level)));
        return null;
    end if;
    perform audit.write('agent', new.agent_id, new.organisation_id, 'update',
                        jsonb_build_object('access_level', jsonb_build_array(case when tg_op = 'UPDATE' then old.access_level end, new.access_level)));
    return null;
end $$;

-- A usager deleted or anonymised: his history goes with his data (REFERENCE-SURFACES §7.5), one
-- "destroy" entry without values says who did it.
create function audit.forget_usager() returns trigger
    language plpgsql as $$
begin
    delete from audit.versions where item_type = 'user' and item_id = old.id;
    perform audit.write('user', old.id, null, 'destroy', '{}'::jsonb);
    return null;
end $$;

create trigger rdvs_audit after insert or update or delete on booking.rdvs
    for each row execute function audit.record_row('rdv', 'values',
        'uuid', 'organisation_id', 'users_count', 'cancelled_at', 'created_by_type', 'created_by_id');
create trigger participations_audit after insert or update or delete on booking.participations
    for each row execute function audit.record_member('rdv', 'rdv_id', 'user_id', 'participants',
        'status', 'send_lifecycle_notifications', 'send_reminder_notification');
create trigger agents_rdvs_audit after insert or delete or update of rdv_id, agent_id on booking.agents_rdvs
    for each row execute function audit.record_member('rdv', 'rdv_id', 'agent_id', 'agents');

create trigger plage_ouvertures_audit after insert or update or delete on availability.plage_ouvertures
    for each row execute function audit.record_row('plage_ouverture', 'values',
        'organisation_id', 'expired_cached', 'active_days', 'recurrence_ends_at');
create trigger motifs_plage_ouvertures_audit after insert or update or delete on availability.motifs_plage_ouvertures
    for each row execute function audit.record_member('plage_ouverture', 'plage_ouverture_id', 'motif_id', 'motifs');
create trigger absences_audit after insert or update or delete on availability.absences
    for each row execute function audit.record_row('absence', 'values',
        'expired_cached', 'active_days', 'recurrence_ends_at');

create trigger motifs_audit after insert or update or delete on organisations.motifs
    for each row execute function audit.record_row('motif', 'values', 'organisation_id', 'slug');
create trigger lieux_audit after insert or update or delete on organisations.lieux
    for each row execute function audit.record_row('lieu', 'values',
        'organisation_id', 'phone_number_formatted', 'latitude', 'longitude');

create trigger agents_audit after insert or update or delete on organisations.agents
    for each row execute function audit.record_row('agent', 'values',
        'unknown_past_rdv_count', 'display_saturdays', 'display_cancelled_rdv', 'external_id', 'calendar_uid',
        'email_original', 'account_deletion_warning_sent_at');
create trigger agent_roles_audit after insert or update or delete on organisations.agent_roles
    for each row execute function audit.record_agent_role();
create trigger agent_services_audit after insert or update or delete on organisations.agent_services
    for each row execute function audit.record_member('agent', 'agent_id', 'service_id', 'services');

-- Usagers: no values copied at creation (they are on the usager's page), nor the anonymisation's.
create trigger users_audit after insert or update on usagers.users
    for each row when (new.deleted_at is null) execute function audit.record_row('user', 'no_values',
        'search_vector', 'phone_number_formatted', 'latitude', 'longitude', 'city_code', 'post_code', 'city_name',
        'rdv_invitation_token', 'rdv_invitation_token_updated_at', 'franceconnect_openid_sub',
        'logged_once_with_franceconnect', 'confirmed_at', 'created_through', 'deleted_at');
create trigger users_audit_forget after update of deleted_at on usagers.users
    for each row when (old.deleted_at is null and new.deleted_at is not null) execute function audit.forget_usager();
create trigger users_audit_forget_deleted after delete on usagers.users
    for each row execute function audit.forget_usager();
