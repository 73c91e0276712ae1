-- Supabase prerequisites for a plain PostgreSQL cluster (local dev and tests).
--
-- Not a migration: a Supabase project already has all of this, so the
-- migrations in supabase/migrations/ assume it and apply unchanged to both.
-- Mirrors what Supabase's images set up (roles, grants, default privileges,
-- the auth helpers, the realtime publication). Idempotent: safe to re-run.

set client_min_messages = warning;

-- Roles. Clients reach the database as `anon` or `authenticated` (switched to by
-- `authenticator`); `service_role` is the server-side key and bypasses RLS.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select 1 from pg_catalog.pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
grant anon, authenticated, service_role to postgres;

-- Schema public as Supabase grants it: the API roles may use it, and objects the
-- `postgres` role creates are granted to them by default (so a migration must
-- revoke what clients should not have, exactly as on a hosted project).
grant usage on schema public to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on tables to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on functions to postgres, anon, authenticated, service_role;
alter default privileges for role postgres in schema public
  grant all on sequences to postgres, anon, authenticated, service_role;

-- The auth schema and its request helpers, defined like Supabase Auth's own
-- migrations: PostgREST (and our tests) put the verified JWT claims in
-- `request.jwt.claims`; older setups used `request.jwt.claim.<name>`.
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.email(), auth.jwt()
  to anon, authenticated, service_role;

-- Supabase Realtime streams changes of the tables in this publication.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

-- Supabase installs these in schema `extensions`; gen_random_uuid() is core
-- since PostgreSQL 13, so the migrations need neither.
create schema if not exists extensions;
grant usage on schema extensions to anon, authenticated, service_role;
-- As on Supabase, extensions (pgTAP among them) resolve without a schema prefix.
alter role postgres set search_path = "$user", public, extensions;
