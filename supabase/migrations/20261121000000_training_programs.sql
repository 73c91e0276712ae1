-- Training programs and their generation state machine.
--
-- Decides which generation states exist, which transitions between them are
-- allowed, and who may see or change what. Each transition is one UPDATE whose
-- WHERE clause encodes the allowed source states, so two racing callers can
-- never both win: the row lock serialises them and the loser re-evaluates the
-- WHERE against the winner's row and matches nothing. A worker is fenced by the
-- job id it was given at claim time, so a stale worker cannot touch a newer run.
--
--   pending ──claim──▶ generating ──complete──▶ completed ──claim(force)──▶ generating
--                        │   ▲  └──fail──▶ failed ──claim──▶ generating
--                        └───┘ lease expired: claim/reclaim (new job id),
--                              or reclaim marks it failed after max attempts

create table public.training_programs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null default auth.uid(),
  title text not null default '',
  -- The onboarding snapshot the program is generated from.
  profile jsonb not null,
  generation_status text not null default 'pending',
  generation_error text,
  generation_attempts integer not null default 0,
  -- Fences the worker of the current attempt; a new claim issues a new one.
  generation_job_id uuid,
  -- {stage, percent} of the current attempt.
  generation_progress jsonb,
  generation_started_at timestamptz,
  generation_finished_at timestamptz,
  -- While generating, the worker must report before this instant or lose the job.
  generation_lease_until timestamptz,
  program jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),

  constraint training_programs_status_known
    check (generation_status in ('pending', 'generating', 'completed', 'failed')),
  constraint training_programs_title_length check (char_length(title) <= 200),
  constraint training_programs_profile_is_object check (jsonb_typeof(profile) = 'object'),
  constraint training_programs_progress_is_object
    check (generation_progress is null or jsonb_typeof(generation_progress) = 'object'),
  constraint training_programs_attempts_not_negative check (generation_attempts >= 0),
  constraint training_programs_completed_has_program
    check (generation_status <> 'completed' or (program is not null and generation_error is null)),
  constraint training_programs_failed_has_error
    check (generation_status <> 'failed' or generation_error is not null),
  constraint training_programs_generating_has_job
    check (generation_status <> 'generating'
      or (generation_job_id is not null and generation_started_at is not null)),
  -- A lease exists exactly while generating, so no finished row looks claimed.
  constraint training_programs_lease_only_while_generating
    check ((generation_status = 'generating') = (generation_lease_until is not null))
);

comment on table public.training_programs is
  'A user''s training program and the state of its background generation.';

-- At most one generation per user at a time; claim_generation relies on this
-- index to raise unique_violation (23505) when another program is generating.
create unique index training_programs_one_generating_per_user
  on public.training_programs (user_id)
  where generation_status = 'generating';

-- The caller's programs, newest first, keyset-paged by (updated_at, id).
create index training_programs_user_updated
  on public.training_programs (user_id, updated_at desc, id desc);

-- Finding expired leases without scanning finished rows.
create index training_programs_generating_lease
  on public.training_programs (generation_lease_until)
  where generation_status = 'generating';

create function public.training_programs_touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create trigger training_programs_touch_updated_at
  before update on public.training_programs
  for each row execute function public.training_programs_touch_updated_at();

-- Row level security: owners read their rows and may name, create or delete
-- them; generation columns are written only by the server (service_role or the
-- table owner) through the functions below. Column-level grants do the column
-- part, policies the row part. Supabase's default privileges grant everything
-- to the API roles, so revoke first.
alter table public.training_programs enable row level security;

revoke all on table public.training_programs from public, anon, authenticated;
grant select on table public.training_programs to authenticated;
grant insert (title, profile) on table public.training_programs to authenticated;
grant update (title) on table public.training_programs to authenticated;
grant delete on table public.training_programs to authenticated;
grant all on table public.training_programs to service_role;

create policy "owners read their programs"
  on public.training_programs for select to authenticated
  using ((select auth.uid()) = user_id);

create policy "owners create their programs"
  on public.training_programs for insert to authenticated
  with check ((select auth.uid()) = user_id);

create policy "owners rename their programs"
  on public.training_programs for update to authenticated
  using ((select auth.uid()) = user_id)
  with check ((select auth.uid()) = user_id);

-- A running program is not deleted under its worker; it finishes or fails first.
create policy "owners delete idle programs"
  on public.training_programs for delete to authenticated
  using ((select auth.uid()) = user_id and generation_status <> 'generating');

revoke all on function public.training_programs_touch_updated_at() from public, anon, authenticated;

-- Transitions. Plain values in and out, so postgres.js can call them through a
-- transaction-mode pooler without prepared statements. A function returning
-- one training_programs row returns NULL when nothing matched: call it as
-- `select * from public.f(...)` and treat `id is null` as "no row".

-- Creates a pending program owned by p_user_id.
create function public.create_training_program(p_user_id uuid, p_title text, p_profile jsonb)
returns public.training_programs
language sql
set search_path = ''
as $$
  insert into public.training_programs (user_id, title, profile)
  values (p_user_id, coalesce(p_title, ''), p_profile)
  returning *
$$;

-- Starts an attempt: pending, failed, expired generating, or (with p_force)
-- completed → generating with a fresh job id and lease. Attempts count the
-- tries of one request: +1 from pending or an expired lease, back to 1 when a
-- failed or completed program is started again. NULL when not claimable or not
-- owned; unique_violation (23505) when another of the user's programs is generating.
create function public.claim_generation(
  p_program_id uuid, p_user_id uuid, p_force boolean, p_lease_seconds integer)
returns public.training_programs
language sql
set search_path = ''
as $$
  update public.training_programs
     set generation_status = 'generating',
         generation_attempts = case
           when generation_status in ('pending', 'generating') then generation_attempts + 1
           else 1
         end,
         generation_job_id = gen_random_uuid(),
         generation_lease_until = now() + make_interval(secs => p_lease_seconds),
         generation_started_at = now(),
         generation_finished_at = null,
         generation_progress = null,
         generation_error = null
   where id = p_program_id
     and user_id = p_user_id
     and (generation_status in ('pending', 'failed')
       or (generation_status = 'generating' and generation_lease_until <= now())
       or (generation_status = 'completed' and coalesce(p_force, false)))
  returning *
$$;

-- Records progress of the current attempt and extends its lease. False when
-- p_job_id is not the current attempt (the worker is stale: stop).
create function public.report_generation_progress(
  p_program_id uuid, p_job_id uuid, p_progress jsonb, p_lease_seconds integer)
returns boolean
language sql
set search_path = ''
as $$
  with reported as (
    update public.training_programs
       set generation_progress = p_progress,
           generation_lease_until = now() + make_interval(secs => p_lease_seconds)
     where id = p_program_id
       and generation_status = 'generating'
       and generation_job_id = p_job_id
    returning 1
  )
  select count(*) = 1 from reported
$$;

-- Stores the program of the current attempt. False when p_job_id is stale.
create function public.complete_generation(p_program_id uuid, p_job_id uuid, p_program jsonb)
returns boolean
language sql
set search_path = ''
as $$
  with completed as (
    update public.training_programs
       set generation_status = 'completed',
           program = p_program,
           generation_error = null,
           generation_progress = jsonb_build_object('stage', 'save', 'percent', 100),
           generation_finished_at = now(),
           generation_lease_until = null
     where id = p_program_id
       and generation_status = 'generating'
       and generation_job_id = p_job_id
    returning 1
  )
  select count(*) = 1 from completed
$$;

-- Fails the current attempt with p_error. False when p_job_id is stale.
create function public.fail_generation(p_program_id uuid, p_job_id uuid, p_error text)
returns boolean
language sql
set search_path = ''
as $$
  with failed as (
    update public.training_programs
       set generation_status = 'failed',
           generation_error = p_error,
           generation_finished_at = now(),
           generation_lease_until = null
     where id = p_program_id
       and generation_status = 'generating'
       and generation_job_id = p_job_id
    returning 1
  )
  select count(*) = 1 from failed
$$;

-- Recovers one generating row whose lease expired (its worker died): a new
-- attempt with a new job id while attempts < p_max_attempts, else failed.
-- Returns the row (check generation_status), or NULL when the lease is live,
-- the row is not generating, or another session holds it right now.
create function public.reclaim_generation(
  p_program_id uuid, p_lease_seconds integer, p_max_attempts integer)
returns public.training_programs
language sql
set search_path = ''
as $$
  with expired as (
    select id, generation_attempts < p_max_attempts as retry
      from public.training_programs
     where id = p_program_id
       and generation_status = 'generating'
       and generation_lease_until <= now()
       for update skip locked
  )
  update public.training_programs t
     set generation_status = case when e.retry then 'generating' else 'failed' end,
         generation_attempts = case when e.retry then t.generation_attempts + 1
                                    else t.generation_attempts end,
         generation_job_id = case when e.retry then gen_random_uuid() else t.generation_job_id end,
         generation_lease_until = case when e.retry
                                       then now() + make_interval(secs => p_lease_seconds) end,
         generation_started_at = case when e.retry then now() else t.generation_started_at end,
         generation_finished_at = case when e.retry then null else now() end,
         generation_progress = case when e.retry then null else t.generation_progress end,
         generation_error = case when e.retry then null
           else format('generation did not finish after %s attempts', t.generation_attempts) end
    from expired e
   where t.id = e.id
  returning t.*
$$;

-- reclaim_generation for up to p_limit expired rows, oldest lease first;
-- rows locked by another session are skipped, so sweepers never queue up.
create function public.reclaim_expired_generations(
  p_lease_seconds integer, p_max_attempts integer, p_limit integer)
returns setof public.training_programs
language sql
set search_path = ''
as $$
  with expired as (
    select id, generation_attempts < p_max_attempts as retry
      from public.training_programs
     where generation_status = 'generating'
       and generation_lease_until <= now()
     order by generation_lease_until
     limit p_limit
       for update skip locked
  )
  update public.training_programs t
     set generation_status = case when e.retry then 'generating' else 'failed' end,
         generation_attempts = case when e.retry then t.generation_attempts + 1
                                    else t.generation_attempts end,
         generation_job_id = case when e.retry then gen_random_uuid() else t.generation_job_id end,
         generation_lease_until = case when e.retry
                                       then now() + make_interval(secs => p_lease_seconds) end,
         generation_started_at = case when e.retry then now() else t.generation_started_at end,
         generation_finished_at = case when e.retry then null else now() end,
         generation_progress = case when e.retry then null else t.generation_progress end,
         generation_error = case when e.retry then null
           else format('generation did not finish after %s attempts', t.generation_attempts) end
    from expired e
   where t.id = e.id
  returning t.*
$$;

revoke execute on function
  public.create_training_program(uuid, text, jsonb),
  public.claim_generation(uuid, uuid, boolean, integer),
  public.report_generation_progress(uuid, uuid, jsonb, integer),
  public.complete_generation(uuid, uuid, jsonb),
  public.fail_generation(uuid, uuid, text),
  public.reclaim_generation(uuid, integer, integer),
  public.reclaim_expired_generations(integer, integer, integer)
  from public, anon, authenticated;

grant execute on function
  public.create_training_program(uuid, text, jsonb),
  public.claim_generation(uuid, uuid, boolean, integer),
  public.report_generation_progress(uuid, uuid, jsonb, integer),
  public.complete_generation(uuid, uuid, jsonb),
  public.fail_generation(uuid, uuid, text),
  public.reclaim_generation(uuid, integer, integer),
  public.reclaim_expired_generations(integer, integer, integer)
  to service_role;

-- Let clients subscribe to their rows' changes instead of polling (Realtime
-- applies the select policy). The publication exists on Supabase; elsewhere skip.
do $$
begin
  if exists (
    select 1 from pg_catalog.pg_publication
     where pubname = 'supabase_realtime' and not puballtables
  ) and not exists (
    select 1 from pg_catalog.pg_publication_tables
     where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'training_programs'
  ) then
    alter publication supabase_realtime add table public.training_programs;
  end if;
end
$$;
