-- Notifications module: the outbox (ARCHITECTURE §9). A use case inserts its messages in its own
-- transaction; the dispatcher (jobs process, or the web process when OUTBOX_DISPATCH_IN_WEB is on)
-- claims due rows with FOR UPDATE SKIP LOCKED, sends them and records the receipt, retrying with
-- back-off. The payload of account e-mails carries one-time links: it is erased once sent.
create schema if not exists notifications;

create table notifications.outbox (
    id               bigint generated always as identity primary key,
    idempotency_key  text not null unique,
    kind             text not null check (kind in ('email')),
    payload          jsonb,
    status           text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
    attempts         integer not null default 0 check (attempts >= 0),
    next_attempt_at  timestamptz not null default now(),
    last_error       text,
    sent_at          timestamptz,
    created_at       timestamptz not null default now(),
    constraint outbox_payload_until_sent check (status = 'sent' or payload is not null)
);

create index outbox_due on notifications.outbox (next_attempt_at) where status = 'pending';

-- The enqueue transaction wakes the dispatchers when it commits (LISTEN notifications_outbox).
create function notifications.outbox_notify() returns trigger
    language plpgsql as $$
begin
    perform pg_notify('notifications_outbox', '');
    return null;
end $$;

create trigger outbox_enqueued after insert on notifications.outbox
    for each statement execute function notifications.outbox_notify();
