-- The table's constraints make bad generation states unrepresentable; the
-- indexes, trigger, publication and function settings the rest relies on.
begin;
select plan(27);

\set alice 'a0000000-0000-4000-8000-00000000000a'
\set bob 'b0000000-0000-4000-8000-00000000000b'

create function pg_temp.insert_row(p_columns text, p_values text) returns void language plpgsql as $$
begin
  execute format('insert into public.training_programs (user_id, profile, %s) values (%L, %L, %s)',
    p_columns, 'a0000000-0000-4000-8000-00000000000a', '{}', p_values);
end
$$;

-- bad states
select throws_ok($$select pg_temp.insert_row('generation_status', '''queued''')$$,
  '23514', null, 'an unknown status is refused');
select throws_ok($$select pg_temp.insert_row('generation_status', '''completed''')$$,
  '23514', null, 'completed without a program is refused');
select throws_ok(
  $$select pg_temp.insert_row('generation_status, program, generation_error', '''completed'', ''{}'', ''x''')$$,
  '23514', null, 'completed with an error is refused');
select throws_ok($$select pg_temp.insert_row('generation_status', '''failed''')$$,
  '23514', null, 'failed without an error is refused');
select throws_ok(
  $$select pg_temp.insert_row('generation_status, generation_started_at, generation_lease_until',
    '''generating'', now(), now()')$$,
  '23514', null, 'generating without a job id is refused');
select throws_ok(
  $$select pg_temp.insert_row('generation_status, generation_job_id, generation_started_at',
    '''generating'', gen_random_uuid(), now()')$$,
  '23514', null, 'generating without a lease is refused');
select throws_ok($$select pg_temp.insert_row('generation_lease_until', 'now()')$$,
  '23514', null, 'a lease on a program that is not generating is refused');
select throws_ok($$select pg_temp.insert_row('generation_attempts', '-1')$$,
  '23514', null, 'negative attempts are refused');
select throws_ok($$select pg_temp.insert_row('generation_progress', '''"plan"''')$$,
  '23514', null, 'progress that is not a JSON object is refused');
select throws_ok($$select pg_temp.insert_row('title', quote_literal(repeat('x', 201)))$$,
  '23514', null, 'a title over 200 characters is refused');
select throws_ok(
  $$insert into public.training_programs (user_id, profile) values ('a0000000-0000-4000-8000-00000000000a', '"x"')$$,
  '23514', null, 'a profile that is not a JSON object is refused');
select throws_ok($$insert into public.training_programs (profile) values ('{}')$$,
  '23502', null, 'a program without an owner is refused');
select lives_ok($$select pg_temp.insert_row('title', quote_literal(repeat('é', 200)))$$,
  'a title of 200 characters is accepted');

-- one generating program per user
insert into public.training_programs (
  user_id, profile, generation_status, generation_job_id, generation_started_at, generation_lease_until)
values (:'alice', '{}', 'generating', gen_random_uuid(), now(), now() + interval '1 minute');
select throws_ok(
  $$insert into public.training_programs (
      user_id, profile, generation_status, generation_job_id, generation_started_at, generation_lease_until)
    values ('a0000000-0000-4000-8000-00000000000a', '{}', 'generating', gen_random_uuid(), now(),
      now() + interval '1 minute')$$,
  '23505', null, 'a second generating program of one user is refused');
select lives_ok(
  $$insert into public.training_programs (
      user_id, profile, generation_status, generation_job_id, generation_started_at, generation_lease_until)
    values ('b0000000-0000-4000-8000-00000000000b', '{}', 'generating', gen_random_uuid(), now(),
      now() + interval '1 minute')$$,
  'different users may generate at the same time');
select lives_ok(
  $$insert into public.training_programs (user_id, profile, generation_status, generation_error, program)
    values ('a0000000-0000-4000-8000-00000000000a', '{}', 'pending', null, null),
           ('a0000000-0000-4000-8000-00000000000a', '{}', 'failed', 'x', null),
           ('a0000000-0000-4000-8000-00000000000a', '{}', 'completed', null, '{}')$$,
  'a generating user may have any number of programs in other states');

-- updated_at
insert into public.training_programs (id, user_id, profile, created_at, updated_at)
values ('40000000-0000-4000-8000-000000000001', :'bob', '{}', '2001-01-01', '2001-01-01');
update public.training_programs set title = 'renamed' where id = '40000000-0000-4000-8000-000000000001';
select is(
  (select updated_at from public.training_programs where id = '40000000-0000-4000-8000-000000000001'),
  now(), 'an update bumps updated_at');
select is(
  (select created_at from public.training_programs where id = '40000000-0000-4000-8000-000000000001'),
  '2001-01-01'::timestamptz, 'an update keeps created_at');

-- what the edge function and clients rely on
select is(
  (select relrowsecurity from pg_catalog.pg_class where oid = 'public.training_programs'::regclass), true,
  'row level security is on');
select is(
  (select indexdef from pg_catalog.pg_indexes
    where schemaname = 'public' and indexname = 'training_programs_one_generating_per_user'),
  'CREATE UNIQUE INDEX training_programs_one_generating_per_user ON public.training_programs '
    || 'USING btree (user_id) WHERE (generation_status = ''generating''::text)',
  'the one-generation-per-user index is partial on generating');
select is(
  (select indexdef from pg_catalog.pg_indexes
    where schemaname = 'public' and indexname = 'training_programs_user_created'),
  'CREATE INDEX training_programs_user_created ON public.training_programs '
    || 'USING btree (user_id, created_at DESC, id DESC)',
  'the list query has its index');
select ok(
  exists (select 1 from pg_catalog.pg_publication_tables
           where pubname = 'supabase_realtime' and schemaname = 'public' and tablename = 'training_programs'),
  'the table is in the supabase_realtime publication');
select is(
  (select count(*)::int from pg_catalog.pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and p.proname in ('create_training_program', 'claim_generation', 'report_generation_progress',
        'complete_generation', 'fail_generation', 'reclaim_generation', 'reclaim_expired_generations',
        'create_and_claim_generation', 'release_expired_generations', 'release_generation',
        'renew_generation_lease')),
  11, 'every transition function exists once');
select is(
  (select count(*)::int from pg_catalog.pg_proc p
    where p.pronamespace = 'public'::regnamespace
      and p.proname in ('create_training_program', 'claim_generation', 'report_generation_progress',
        'complete_generation', 'fail_generation', 'reclaim_generation', 'reclaim_expired_generations',
        'create_and_claim_generation', 'release_expired_generations', 'release_generation',
        'renew_generation_lease', 'training_programs_touch_updated_at')
      and p.proconfig @> array['search_path=""']),
  12, 'every function pins an empty search_path');
select is(
  (select count(*)::int from pg_catalog.pg_proc p
    where p.pronamespace = 'public'::regnamespace and p.prosecdef),
  0, 'no function runs with its owner''s rights');
select is(
  (select provolatile::text from pg_catalog.pg_proc
    where oid = 'public.claim_generation(uuid, uuid, boolean, integer, integer, uuid)'::regprocedure),
  'v', 'claim_generation is volatile');
select is(
  (select prorettype::regtype::text from pg_catalog.pg_proc
    where oid = 'public.reclaim_expired_generations(integer, integer, integer, uuid, uuid)'::regprocedure
      and proretset),
  'training_programs', 'reclaim_expired_generations returns a set of rows');
