-- Identity module: credentials live apart from the people they belong to, so that the usager and
-- agent tables carry no secret and an account can be wiped without touching history.
-- Token columns hold SHA-256 hashes (hex) of the secrets sent by e-mail, never the secrets.

create table identity.usager_accounts (
    user_id                 bigint primary key references usagers.users (id) on delete cascade,
    password_hash           text,
    failed_attempts         integer not null default 0 check (failed_attempts >= 0),
    locked_until            timestamptz,
    email_confirmed_at      timestamptz,
    confirmation_token_hash text unique,
    confirmation_sent_at    timestamptz,
    reset_token_hash        text unique,
    reset_token_expires_at  timestamptz,
    last_sign_in_at         timestamptz,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    constraint usager_accounts_reset_pair check ((reset_token_hash is null) = (reset_token_expires_at is null))
);

create table identity.agent_accounts (
    agent_id                bigint primary key references organisations.agents (id) on delete cascade,
    password_hash           text,
    failed_attempts         integer not null default 0 check (failed_attempts >= 0),
    locked_until            timestamptz,
    email_confirmed_at      timestamptz,
    invitation_token_hash   text unique,
    invitation_sent_at      timestamptz,
    invitation_accepted_at  timestamptz,
    reset_token_hash        text unique,
    reset_token_expires_at  timestamptz,
    last_sign_in_at         timestamptz,
    created_at              timestamptz not null default now(),
    updated_at              timestamptz not null default now(),
    constraint agent_accounts_reset_pair check ((reset_token_hash is null) = (reset_token_expires_at is null))
);

create trigger usager_accounts_touch before update on identity.usager_accounts for each row execute function public.touch_updated_at();
create trigger agent_accounts_touch before update on identity.agent_accounts for each row execute function public.touch_updated_at();
