-- Issue 10, what was left: the agents' plage/absence e-mails (template 'agent_schedule', rendered at
-- dispatch with their ICS) and the waiting list's "new_creneau_available" (e-mail and SMS, template 'rdv').
alter table notifications.outbox drop constraint outbox_template_check;
alter table notifications.outbox add constraint outbox_template_check check (template in ('rdv', 'agent_schedule'));

alter table notifications.outbox drop constraint outbox_event_check;
alter table notifications.outbox add constraint outbox_event_check check (event in (
    'rdv_created', 'rdv_updated', 'rdv_cancelled', 'rdv_upcoming_reminder', 'new_creneau_available',
    'plage_ouverture_created', 'plage_ouverture_updated', 'plage_ouverture_destroyed',
    'absence_created', 'absence_updated', 'absence_destroyed'));

