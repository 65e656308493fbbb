-- Server-side sessions of signed-in usagers and agents. The auth cookie only carries the session id
-- (encrypted); every request checks that the session is still open here (through a short Redis
-- cache), so signing out, changing or resetting a password ends a session on every instance, and a
-- copy of an old cookie opens nothing. The id is stored as its SHA-256 hash (hex).
create table identity.sessions (
    id_hash      text primary key,
    actor_kind   text not null check (actor_kind in ('usager', 'agent')),
    actor_id     bigint not null,
    created_at   timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    expires_at   timestamptz not null,
    revoked_at   timestamptz
);

-- "End every session of this account" (password change or reset, account deletion).
create index sessions_actor on identity.sessions (actor_kind, actor_id) where revoked_at is null;
-- Retention: expired and revoked rows are purged by a job.
create index sessions_expires_at on identity.sessions (expires_at);
