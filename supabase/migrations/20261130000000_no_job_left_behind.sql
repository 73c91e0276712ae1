-- No job left behind, and bounded rows.
--
-- Decides what happens to a generation whose worker is gone when nobody polls
-- it, and how big a stored profile may be:
--
--   * a lease that expired is *released*: back to `pending` with its attempts
--     kept (an "interrupted" row), or `failed` once it used its attempts. The
--     claim path releases the caller's expired rows before it claims, so an
--     expired lease never blocks its user; a pg_cron job releases everyone's,
--     so the state is right even when no function runs;
--   * a worker that is being shut down releases its own runs at once, fenced
--     by their job ids (release_generation);
--   * the reclaim that the function's sweeps run takes expired leases and
--     interrupted rows alike, one per user at a time; reclaim_generation is
--     that same reclaim narrowed to one row;
--   * create_and_claim_generation and claim_generation take the program and
--     job ids from the caller, so a retry after a lost reply finds its own
--     commit instead of failing or claiming twice;
--   * a worker renews its lease on a timer (renew_generation_lease), measured
--     from when the statement runs, so a statement that waited out a stall
--     still extends the lease from the moment it lands;
--   * a profile is at most 16 KB of JSON text.
--
--   generating ──lease expired──▶ pending (interrupted) ──reclaim──▶ generating
--              └─ attempts used ─▶ failed

-- A profile is a small onboarding snapshot; every read of the row pays for it.
-- NOT VALID: enforced on every write from now on without rescanning old rows.
alter table public.training_programs
  add constraint training_programs_profile_size
  check (octet_length(profile::text) <= 16384) not valid;

-- Finding interrupted rows without scanning the others.
create index training_programs_interrupted
  on public.training_programs (updated_at)
  where generation_status = 'pending' and generation_attempts > 0;

-- Releases expired leases: pending while attempts < p_max_attempts, else
-- failed. p_user_id narrows it to one user (the claim path); NULL releases
-- everyone's (the pg_cron job). Rows locked by another session are skipped.
create function public.release_expired_generations(p_max_attempts integer, p_user_id uuid default null)
returns setof public.training_programs
language sql
set search_path = ''
as $$
  with expired as (
    select id, generation_attempts < p_max_attempts as retry
      from public.training_programs
     where generation_status = 'generating'
       and generation_lease_until <= now()
       and (p_user_id is null or user_id = p_user_id)
       for update skip locked
  )
  update public.training_programs t
     set generation_status = case when e.retry then 'pending' else 'failed' end,
         generation_lease_until = null,
         generation_finished_at = case when e.retry then null else now() end,
         generation_error = case when e.retry then null
           else format('attempts_exhausted: generation did not finish after %s attempts',
                       t.generation_attempts) end
    from expired e
   where t.id = e.id
  returning t.*
$$;

-- Releases one run of a worker that is shutting down, fenced by its job id:
-- the row goes back to pending (interrupted) for the next sweep or claim.
-- False when p_job_id no longer holds the claim.
create function public.release_generation(p_program_id uuid, p_job_id uuid)
returns boolean
language sql
set search_path = ''
as $$
  with released as (
    update public.training_programs
       set generation_status = 'pending',
           generation_lease_until = null
     where id = p_program_id
       and generation_status = 'generating'
       and generation_job_id = p_job_id
    returning 1
  )
  select count(*) = 1 from released
$$;

-- Extends the lease of a live run from now, fenced by its job id. False when
-- p_job_id no longer holds the claim (the worker must stop).
create function public.renew_generation_lease(
  p_program_id uuid, p_job_id uuid, p_lease_seconds integer)
returns boolean
language sql
set search_path = ''
as $$
  with renewed as (
    update public.training_programs
       set generation_lease_until = clock_timestamp() + make_interval(secs => p_lease_seconds)
     where id = p_program_id
       and generation_status = 'generating'
       and generation_job_id = p_job_id
    returning 1
  )
  select count(*) = 1 from renewed
$$;

-- Takes up to p_limit rows whose worker is gone, oldest first: generating
-- with an expired lease, or interrupted (pending after a release). Each
-- becomes a new attempt with a new job id while attempts < p_max_attempts,
-- else failed. A user's row waits while another of theirs is generating.
-- p_user_id and p_program_id narrow the search. Rows locked by another
-- session are skipped, so sweepers never queue up.
drop function public.reclaim_expired_generations(integer, integer, integer);
create function public.reclaim_expired_generations(
  p_lease_seconds integer, p_max_attempts integer, p_limit integer,
  p_user_id uuid default null, p_program_id uuid default null)
returns setof public.training_programs
language plpgsql
set search_path = ''
as $$
declare
  candidate uuid;
  reclaimed public.training_programs;
begin
  for candidate in
    select id
      from public.training_programs
     where ((generation_status = 'generating' and generation_lease_until <= now())
         or (generation_status = 'pending' and generation_attempts > 0))
       and (p_user_id is null or user_id = p_user_id)
       and (p_program_id is null or id = p_program_id)
     order by coalesce(generation_lease_until, updated_at)
     limit p_limit
       for update skip locked
  loop
    begin
      update public.training_programs t
         set generation_status = case when t.generation_attempts < p_max_attempts
                                      then 'generating' else 'failed' end,
             generation_attempts = case when t.generation_attempts < p_max_attempts
                                        then t.generation_attempts + 1 else t.generation_attempts end,
             generation_job_id = case when t.generation_attempts < p_max_attempts
                                      then gen_random_uuid() else t.generation_job_id end,
             generation_lease_until = case when t.generation_attempts < p_max_attempts
                                           then now() + make_interval(secs => p_lease_seconds) end,
             generation_started_at = case when t.generation_attempts < p_max_attempts
                                          then now() else t.generation_started_at end,
             generation_finished_at = case when t.generation_attempts < p_max_attempts
                                           then null else now() end,
             generation_progress = case when t.generation_attempts < p_max_attempts
                                        then null else t.generation_progress end,
             generation_error = case when t.generation_attempts < p_max_attempts then null
               else format('attempts_exhausted: generation did not finish after %s attempts',
                           t.generation_attempts) end
       where t.id = candidate
      returning t.* into reclaimed;
      return next reclaimed;
    exception when unique_violation then
      -- Another of the user's programs is generating: this one waits its turn.
      null;
    end;
  end loop;
end
$$;

-- reclaim_expired_generations narrowed to one program; NULL when its lease is
-- live, it is not generating or interrupted, or another session holds it.
create or replace function public.reclaim_generation(
  p_program_id uuid, p_lease_seconds integer, p_max_attempts integer)
returns public.training_programs
language sql
set search_path = ''
as $$
  select * from public.reclaim_expired_generations(
    p_lease_seconds, p_max_attempts, 1, null, p_program_id)
$$;

-- Starts an attempt, as in the first migration, after releasing the caller's
-- expired leases (so none of them blocks this claim). p_job_id is the new
-- attempt's job id: a retry with the same id after a lost reply returns the
-- attempt it already started.
drop function public.claim_generation(uuid, uuid, boolean, integer);
create function public.claim_generation(
  p_program_id uuid, p_user_id uuid, p_force boolean, p_lease_seconds integer,
  p_max_attempts integer default 3, p_job_id uuid default gen_random_uuid())
returns public.training_programs
language plpgsql
set search_path = ''
as $$
declare
  claimed public.training_programs;
begin
  select * into claimed from public.training_programs
   where id = p_program_id and user_id = p_user_id
     and generation_status = 'generating' and generation_job_id = p_job_id;
  if found then
    return claimed;
  end if;
  perform public.release_expired_generations(p_max_attempts, p_user_id);
  update public.training_programs
     set generation_status = 'generating',
         generation_attempts = case
           when generation_status = 'pending' then generation_attempts + 1
           else 1
         end,
         generation_job_id = p_job_id,
         generation_lease_until = now() + make_interval(secs => p_lease_seconds),
         generation_started_at = now(),
         generation_finished_at = null,
         generation_progress = null,
         generation_error = null
   where id = p_program_id
     and user_id = p_user_id
     and (generation_status in ('pending', 'failed')
       or (generation_status = 'completed' and coalesce(p_force, false)))
  returning * into claimed;
  return claimed;
end
$$;

-- Creates a program already claimed, as in the second migration, after
-- releasing the caller's expired leases. p_program_id and p_job_id come from
-- the caller: a retry after a lost reply returns the row it already created.
drop function public.create_and_claim_generation(uuid, text, jsonb, integer);
create function public.create_and_claim_generation(
  p_user_id uuid, p_title text, p_profile jsonb, p_lease_seconds integer,
  p_max_attempts integer default 3, p_program_id uuid default gen_random_uuid(),
  p_job_id uuid default gen_random_uuid())
returns public.training_programs
language plpgsql
set search_path = ''
as $$
declare
  created public.training_programs;
begin
  select * into created from public.training_programs
   where id = p_program_id and user_id = p_user_id;
  if found then
    return created;
  end if;
  perform public.release_expired_generations(p_max_attempts, p_user_id);
  insert into public.training_programs (
    id, user_id, title, profile, generation_status, generation_attempts,
    generation_job_id, generation_lease_until, generation_started_at)
  values (
    p_program_id, p_user_id, coalesce(p_title, ''), p_profile, 'generating', 1,
    p_job_id, now() + make_interval(secs => p_lease_seconds), now())
  returning * into created;
  return created;
end
$$;

revoke execute on function
  public.release_expired_generations(integer, uuid),
  public.release_generation(uuid, uuid),
  public.renew_generation_lease(uuid, uuid, integer),
  public.reclaim_expired_generations(integer, integer, integer, uuid, uuid),
  public.claim_generation(uuid, uuid, boolean, integer, integer, uuid),
  public.create_and_claim_generation(uuid, text, jsonb, integer, integer, uuid, uuid)
  from public, anon, authenticated;

grant execute on function
  public.release_expired_generations(integer, uuid),
  public.release_generation(uuid, uuid),
  public.renew_generation_lease(uuid, uuid, integer),
  public.reclaim_expired_generations(integer, integer, integer, uuid, uuid),
  public.claim_generation(uuid, uuid, boolean, integer, integer, uuid),
  public.create_and_claim_generation(uuid, text, jsonb, integer, integer, uuid, uuid)
  to service_role;

-- Every minute, release expired leases even when no function runs. Supabase
-- ships pg_cron; a cluster without it (not installed, or not in
-- shared_preload_libraries) skips the job with a notice. The 3 matches the
-- function's default MAX_ATTEMPTS: change both together.
do $$
begin
  if not exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron') then
    raise notice 'pg_cron is not available: expired leases are released by the function only';
    return;
  end if;
  begin
    create extension if not exists pg_cron with schema pg_catalog;
  exception when others then
    raise notice 'pg_cron cannot be created here (%): expired leases are released by the function only',
      sqlerrm;
    return;
  end;
  perform cron.schedule(
    'release-expired-generations',
    '* * * * *',
    'select count(*) from public.release_expired_generations(3)');
end
$$;
