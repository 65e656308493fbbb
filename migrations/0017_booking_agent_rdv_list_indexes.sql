-- The back-office RDV list (REFERENCE-SURFACES §2.3.2): a page of an organisation's RDVs by start,
-- counts per status (index-only), and the agent filter read from the agent's side.
create index rdvs_organisation_starts_id_idx on booking.rdvs (organisation_id, starts_at, id);
drop index booking.rdvs_organisation_starts_idx;
create index rdvs_organisation_status_ends_idx on booking.rdvs (organisation_id, status, ends_at);
create index agents_rdvs_agent_starts_idx on booking.agents_rdvs (agent_id, starts_at, rdv_id);
