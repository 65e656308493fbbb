-- The back-office caches its agenda feed and RDV list under the inputs version (0015) as the public
-- search does: they also show who takes part in each RDV and the usagers' names. A participation
-- added, changed or removed, or a usager renamed, therefore moves the version like every other input,
-- so no cached agenda or list shows a participant that a committed write changed.
create constraint trigger participations_bump_inputs_version after insert or update or delete on booking.participations
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger users_names_bump_inputs_version after update of first_name, last_name on usagers.users
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
