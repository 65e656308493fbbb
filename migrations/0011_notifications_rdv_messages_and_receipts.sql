-- Notifications of RDV changes (REFERENCE-DOMAIN §6, ARCHITECTURE §9): the use case that changes an
-- RDV writes one outbox row per message (e-mail or SMS) in its own transaction; the dispatcher renders
-- the row's payload (template 'rdv') and sends it. Reminders are rows due at start − lead, re-planned by
-- every change of the RDV (a moved RDV's pending reminders are replaced, a cancelled RDV's dropped).
alter table notifications.outbox drop constraint outbox_kind_check;
alter table notifications.outbox add constraint outbox_kind_check check (kind in ('email', 'sms'));

alter table notifications.outbox
    -- null: the payload is a rendered e-mail (account e-mails); 'rdv': an RDV message rendered at dispatch.
    add column template        text check (template in ('rdv')),
    -- No foreign keys: the outbox and its receipts outlive the RDV (receipts are anonymised, not deleted).
    add column rdv_id          bigint,
    add column user_id         bigint,
    add column organisation_id bigint,
    add column event           text check (event in ('rdv_created', 'rdv_updated', 'rdv_cancelled', 'rdv_upcoming_reminder')),
    add column reminder        boolean not null default false;

create index outbox_pending_reminders on notifications.outbox (rdv_id) where status = 'pending' and reminder;

-- One row per final outcome of a usager message (reference §2.14): sent, or failed for good. Agents'
-- e-mails leave no receipt (as the reference). Shown in the RDV's notification history.
create table notifications.receipts (
    id                bigint generated always as identity primary key,
    outbox_id         bigint not null unique,
    rdv_id            bigint,
    user_id           bigint,
    organisation_id   bigint,
    event             text not null check (event in ('rdv_created', 'rdv_updated', 'rdv_cancelled', 'rdv_upcoming_reminder', 'new_creneau_available')),
    channel           text not null check (channel in ('mail', 'sms')),
    result            text not null check (result in ('processed', 'sent', 'delivered', 'failure')),
    email_address     text,
    sms_phone_number  text,
    sms_provider      text,
    sms_count         integer check (sms_count >= 0),
    content           text,
    error_message     text,
    created_at        timestamptz not null default now()
);
create index receipts_rdv_idx on notifications.receipts (rdv_id, created_at);

-- 'dropped': a reminder whose RDV was cancelled, deleted or started by the time it came due.
alter table notifications.outbox drop constraint outbox_status_check;
alter table notifications.outbox add constraint outbox_status_check check (status in ('pending', 'sent', 'failed', 'dropped'));
