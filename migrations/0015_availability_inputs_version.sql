-- One number that changes with every committed write the public search reads (rdvs and their agents,
-- plages and their motifs, absences, motifs, lieux, agents, organisations, services, territories). Web instances cache the
-- public catalogue and the slot search's inputs under the number they read *before* loading them, and re-read the number on
-- each search: equal means nothing was committed since, so the cache can never offer a slot that a
-- committed booking took, whichever instance booked it.
--
-- The bump is a deferred constraint trigger: it runs once per transaction at commit, so the row lock
-- is held only while committing, and it is visible exactly when the change is. The value comes from
-- a sequence, so it never repeats (even after the tests truncate the table).
create sequence availability.inputs_version_seq;

create table availability.inputs_version (
    id      boolean primary key default true check (id),
    version bigint not null
);

create function availability.bump_inputs_version() returns trigger
    language plpgsql as $$
begin
    if current_setting('rdvsp.inputs_version_bumped', true) is distinct from txid_current()::text then
        perform set_config('rdvsp.inputs_version_bumped', txid_current()::text, true);
        insert into availability.inputs_version (id, version) values (true, nextval('availability.inputs_version_seq'))
        on conflict (id) do update set version = excluded.version;
    end if;
    return null;
end $$;

create constraint trigger rdvs_bump_inputs_version after insert or update or delete on booking.rdvs
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger agents_rdvs_bump_inputs_version after insert or update or delete on booking.agents_rdvs
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger plage_ouvertures_bump_inputs_version after insert or update or delete on availability.plage_ouvertures
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger motifs_plage_ouvertures_bump_inputs_version after insert or update or delete on availability.motifs_plage_ouvertures
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger absences_bump_inputs_version after insert or update or delete on availability.absences
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger motifs_bump_inputs_version after insert or update or delete on organisations.motifs
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger lieux_bump_inputs_version after insert or update or delete on organisations.lieux
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger agents_bump_inputs_version after insert or update or delete on organisations.agents
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger organisations_bump_inputs_version after insert or update or delete on organisations.organisations
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger services_bump_inputs_version after insert or update or delete on organisations.services
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger territories_bump_inputs_version after insert or update or delete on organisations.territories
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
