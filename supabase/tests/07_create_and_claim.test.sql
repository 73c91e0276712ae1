-- create_and_claim_generation: a new program is born generating in one
-- statement, a user with a running generation gets 23505 and no row, only the
-- server may call it; and the list query's index matches its order.
begin;
select plan(26);

\set alice 'a7000000-0000-4000-8000-00000000000a'
\set bob 'b7000000-0000-4000-8000-00000000000b'
\set alice_claims '{"sub": "a7000000-0000-4000-8000-00000000000a", "role": "authenticated"}'

-- create + claim
create temp table born as
  select * from public.create_and_claim_generation(:'alice', null, '{"goal": "strength"}', 30);
select is(generation_status, 'generating', 'a program is created generating') from born;
select is(generation_attempts, 1, 'its first run is attempt 1') from born;
select isnt(generation_job_id, null, 'it gets a job id') from born;
select is(generation_lease_until, now() + interval '30 seconds', 'its lease lasts p_lease_seconds') from born;
select is(generation_started_at, now(), 'it records when the attempt started') from born;
select is(
  (select generation_progress is null and generation_finished_at is null and generation_error is null
     and program is null from born), true,
  'it has no progress, finish, error or program yet');
select is(user_id, :'alice'::uuid, 'it belongs to the given user') from born;
select is(title, '', 'a null title is stored as the empty title') from born;
select is(profile, '{"goal": "strength"}'::jsonb, 'it stores the profile') from born;
select is(
  (select row(t.*)::text from public.training_programs t where id = (select id from born)),
  (select row(b.*)::text from born b),
  'the returned row is the stored row');

-- its job id fences the worker like a claimed one
select ok(
  public.report_generation_progress((select id from born), (select generation_job_id from born),
    '{"stage": "plan", "percent": 30}', 30),
  'the returned job id may report progress');

-- one generation per user, and a refused create leaves nothing behind
select throws_ok(
  $$select public.create_and_claim_generation('a7000000-0000-4000-8000-00000000000a', 'second', '{}', 30)$$,
  '23505',
  'duplicate key value violates unique constraint "training_programs_one_generating_per_user"',
  'creating while another of the user''s programs is generating raises unique_violation');
select is(
  (select count(*)::int from public.training_programs where user_id = :'alice'), 1,
  'the refused create leaves no pending row behind');
select lives_ok(
  $$select public.create_and_claim_generation('b7000000-0000-4000-8000-00000000000b', 'bob''s', '{}', 30)$$,
  'another user may create and claim at the same time');
select throws_ok(
  $$select public.create_and_claim_generation('d7000000-0000-4000-8000-00000000000d', 't', '[1]', 30)$$,
  '23514', null, 'a profile that is not a JSON object is refused');
select ok(
  public.complete_generation((select id from born), (select generation_job_id from born), '{"weeks": []}'),
  'the first program completes');
select is(
  (select generation_status from public.create_and_claim_generation(:'alice', 'next', '{}', 30)),
  'generating', 'the user''s next program starts once none is generating');

-- its settings, like every transition function's
select is(
  (select proconfig from pg_catalog.pg_proc
    where oid = 'public.create_and_claim_generation(uuid, text, jsonb, integer, integer, uuid, uuid)'::regprocedure),
  array['search_path=""'], 'create_and_claim_generation pins an empty search_path');
select is(
  (select prosecdef::text || '/' || provolatile::text from pg_catalog.pg_proc
    where oid = 'public.create_and_claim_generation(uuid, text, jsonb, integer, integer, uuid, uuid)'::regprocedure),
  'false/v', 'create_and_claim_generation is volatile and runs with the caller''s rights');

-- the list query: newest first by (created_at, id), one index range, no sort
select hasnt_index('public', 'training_programs', 'training_programs_user_updated',
  'the index on updated_at, which no query uses, is gone');

-- The function's list query (db.ts listAsUser) as the caller, on a cursor.
create function pg_temp.list_plan() returns text language plpgsql as $$
declare
  v_line text;
  v_plan text := '';
begin
  for v_line in execute $q$explain (costs off)
    select id, title, generation_status, updated_at from public.training_programs
    where (created_at, id) < (
      select created_at, id from public.training_programs
       where id = 'a7000000-ffff-4000-8000-000000000000'::uuid)
    order by created_at desc, id desc limit 21$q$
  loop
    v_plan := v_plan || v_line || E'\n';
  end loop;
  return v_plan;
end
$$;
-- clients cannot call it; as a client, the list query reads its index
set local role authenticated;
set local request.jwt.claims = :'alice_claims';

set local enable_seqscan = off;
select matches(pg_temp.list_plan(), 'Index Scan using training_programs_user_created',
  'a page is read through the list index');
select doesnt_match(pg_temp.list_plan(), 'Sort', 'a page needs no sort');
reset enable_seqscan;

select throws_ok(
  format($$select public.create_and_claim_generation(%L, 't', '{}', 30)$$, :'alice'),
  '42501', 'permission denied for function create_and_claim_generation',
  'a user cannot call create_and_claim_generation');
set local role anon;
set local request.jwt.claims = '{"role": "anon"}';
select throws_ok(
  format($$select public.create_and_claim_generation(%L, 't', '{}', 30)$$, :'alice'),
  '42501', 'permission denied for function create_and_claim_generation',
  'anon cannot call create_and_claim_generation');
reset role;
select is(
  (select count(*)::int from public.training_programs where title = 't'), 0,
  'the refused calls created nothing');
set local role service_role;
select is(
  (select generation_status from public.create_and_claim_generation(
    'c7000000-0000-4000-8000-00000000000c', 'server', '{}', 30)),
  'generating', 'service_role may call create_and_claim_generation');
reset role;

select * from finish();
rollback;
