-- An agent's roles and services are inputs of the slot search and of the back-office's cached
-- reads (which agents an organisation offers, which motifs they may serve): changing them moves the
-- inputs version like every other input (0015).
create constraint trigger agent_roles_bump_inputs_version after insert or update or delete on organisations.agent_roles
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
create constraint trigger agent_services_bump_inputs_version after insert or update or delete on organisations.agent_services
    deferrable initially deferred for each row execute function availability.bump_inputs_version();
