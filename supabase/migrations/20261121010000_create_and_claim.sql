-- Create-and-start in one statement, and the list query's index.
--
-- Decides how a new program is born when the caller wants it generated at
-- once: a single INSERT that writes the row directly in `generating`, so the
-- row is never visible as `pending` and never left behind as `pending` when
-- the user already has a generation running (the partial unique index
-- training_programs_one_generating_per_user rejects the INSERT with 23505, and
-- a failed INSERT leaves nothing). create_training_program + claim_generation
-- remain for callers that create first and start later.

-- Creates a program owned by p_user_id already claimed: generating, attempt 1,
-- a fresh job id and a lease of p_lease_seconds. unique_violation (23505) when
-- another of the user's programs is generating; then no row is created.
create function public.create_and_claim_generation(
  p_user_id uuid, p_title text, p_profile jsonb, p_lease_seconds integer)
returns public.training_programs
language sql
set search_path = ''
as $$
  insert into public.training_programs (
    user_id, title, profile, generation_status, generation_attempts,
    generation_job_id, generation_lease_until, generation_started_at)
  values (
    p_user_id, coalesce(p_title, ''), p_profile, 'generating', 1,
    gen_random_uuid(), now() + make_interval(secs => p_lease_seconds), now())
  returning *
$$;

revoke execute on function public.create_and_claim_generation(uuid, text, jsonb, integer)
  from public, anon, authenticated;
grant execute on function public.create_and_claim_generation(uuid, text, jsonb, integer)
  to service_role;

-- The caller's programs, newest first, keyset-paged by (created_at, id): the
-- exact order of the list query, so a page is an index range scan with no sort.
create index training_programs_user_created
  on public.training_programs (user_id, created_at desc, id desc);

-- The first migration's (user_id, updated_at desc, id desc) index matches no
-- query, and updated_at changes on every progress write, so every write paid
-- for its maintenance.
drop index public.training_programs_user_updated;
