-- How long before an RDV its reminder goes (REFERENCE-DOMAIN §6.3: 48 h), per organisation.
alter table organisations.organisations
    add column reminder_lead_hours integer not null default 48 check (reminder_lead_hours between 1 and 168);
