-- API v1 token authentication (REFERENCE-API §1.2). One device per agent: a sign-in replaces the
-- agent's row, so the previous token stops working at once. Only the SHA-256 of the access token is
-- stored; `client` is the public device id echoed in the headers.
create schema if not exists api;

create table api.agent_tokens (
    agent_id    bigint primary key references organisations.agents (id) on delete cascade,
    client      text not null check (length(client) between 16 and 64),
    token_hash  text not null check (length(token_hash) = 64),
    expires_at  timestamptz not null,
    created_at  timestamptz not null default now()
);
