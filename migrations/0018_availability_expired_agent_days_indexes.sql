-- The agenda shows past weeks too: plages and absences already flagged as expired are found per
-- agent and days through these indexes (the existing partial ones only cover the active rows).
create index plage_ouvertures_expired_agent_days_idx on availability.plage_ouvertures using gist (agent_id, active_days) where expired_cached;
create index absences_expired_agent_days_idx on availability.absences using gist (agent_id, active_days) where expired_cached;
