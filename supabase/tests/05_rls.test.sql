-- What clients may do, checked as PostgREST does it: role `authenticated` or
-- `anon` with the verified JWT claims in request.jwt.claims.
begin;
select plan(35);

\set alice 'a0000000-0000-4000-8000-00000000000a'
\set bob 'b0000000-0000-4000-8000-00000000000b'
\set alice_claims '{"sub": "a0000000-0000-4000-8000-00000000000a", "role": "authenticated"}'
\set a_pending '50000000-0000-4000-8000-0000000000a1'
\set a_generating '50000000-0000-4000-8000-0000000000a2'
\set b_pending '50000000-0000-4000-8000-0000000000b1'
\set b_completed '50000000-0000-4000-8000-0000000000b2'

insert into public.training_programs (id, user_id, title, profile) values
  (:'a_pending', :'alice', 'alice pending', '{}'),
  (:'a_generating', :'alice', 'alice generating', '{}'),
  (:'b_pending', :'bob', 'bob pending', '{}');
insert into public.training_programs (id, user_id, title, profile, generation_status, program)
values (:'b_completed', :'bob', 'bob completed', '{}', 'completed', '{"weeks": []}');
select generation_job_id as a_job
  from public.claim_generation(:'a_generating', :'alice', false, 30) \gset

-- alice, signed in
set local role authenticated;
set local request.jwt.claims = :'alice_claims';

select is(auth.uid(), :'alice'::uuid, 'auth.uid() reads sub from request.jwt.claims');
select set_eq('select id from public.training_programs', array[:'a_pending', :'a_generating']::uuid[],
  'a user reads only her own programs');
select is((select count(*)::int from public.training_programs where id = :'b_pending'), 0,
  'another user''s program is invisible even by id');
select is((select generation_status from public.training_programs where id = :'a_generating'), 'generating',
  'a user reads her program''s generation state');

select lives_ok(format($$update public.training_programs set title = 'renamed' where id = %L$$, :'a_pending'),
  'a user may rename her program');
select is((select title from public.training_programs where id = :'a_pending'), 'renamed',
  'the rename is stored');
select throws_ok(
  format($$update public.training_programs set generation_status = 'completed' where id = %L$$, :'a_generating'),
  '42501', null, 'a user cannot set generation_status');
select throws_ok(
  format($$update public.training_programs set program = '{}' where id = %L$$, :'a_generating'),
  '42501', null, 'a user cannot write program');
select throws_ok(
  format($$update public.training_programs set generation_error = 'x' where id = %L$$, :'a_generating'),
  '42501', null, 'a user cannot write generation_error');
select throws_ok(
  format($$update public.training_programs set generation_job_id = gen_random_uuid() where id = %L$$,
    :'a_generating'),
  '42501', null, 'a user cannot replace the job id');
select throws_ok(
  format($$update public.training_programs set generation_lease_until = null where id = %L$$, :'a_generating'),
  '42501', null, 'a user cannot touch the lease');
select throws_ok(
  format($$update public.training_programs set generation_attempts = 0 where id = %L$$, :'a_generating'),
  '42501', null, 'a user cannot reset attempts');
select throws_ok(
  format($$update public.training_programs set profile = '{}' where id = %L$$, :'a_pending'),
  '42501', null, 'a user cannot change the profile snapshot');
select throws_ok(
  format($$update public.training_programs set user_id = %L where id = %L$$, :'bob', :'a_pending'),
  '42501', null, 'a user cannot give a program away');
select lives_ok(format($$update public.training_programs set title = 'stolen' where id = %L$$, :'b_pending'),
  'renaming another user''s program raises nothing...');

select lives_ok($$insert into public.training_programs (title, profile) values ('mine', '{"goal": "hypertrophy"}')$$,
  'a user may create a program with a title and profile');
select is(
  (select user_id::text || '/' || generation_status from public.training_programs where title = 'mine'),
  :'alice' || '/pending',
  'a created program belongs to the user and is pending');
select throws_ok(
  format($$insert into public.training_programs (user_id, profile) values (%L, '{}')$$, :'bob'),
  '42501', null, 'a user cannot create a program for someone else');
select throws_ok(
  $$insert into public.training_programs (profile, generation_status, program) values ('{}', 'completed', '{}')$$,
  '42501', null, 'a user cannot create a program in another state');

select lives_ok(format($$delete from public.training_programs where id in (%L, %L, %L)$$,
    :'a_pending', :'a_generating', :'b_completed'),
  'deleting raises nothing...');

select throws_ok(format($$select public.create_training_program(%L, 't', '{}')$$, :'alice'),
  '42501', 'permission denied for function create_training_program',
  'a user cannot call create_training_program');
select throws_ok(format($$select public.claim_generation(%L, %L, true, 30)$$, :'a_pending', :'alice'),
  '42501', 'permission denied for function claim_generation',
  'a user cannot call claim_generation');
select throws_ok(
  format($$select public.report_generation_progress(%L, %L, '{}', 30)$$, :'a_generating', :'a_job'),
  '42501', 'permission denied for function report_generation_progress',
  'a user cannot call report_generation_progress');
select throws_ok(format($$select public.complete_generation(%L, %L, '{}')$$, :'a_generating', :'a_job'),
  '42501', 'permission denied for function complete_generation',
  'a user cannot call complete_generation');
select throws_ok(format($$select public.fail_generation(%L, %L, 'x')$$, :'a_generating', :'a_job'),
  '42501', 'permission denied for function fail_generation',
  'a user cannot call fail_generation');
select throws_ok(format($$select public.reclaim_generation(%L, 30, 3)$$, :'a_generating'),
  '42501', 'permission denied for function reclaim_generation',
  'a user cannot call reclaim_generation');
select throws_ok($$select public.reclaim_expired_generations(30, 3, 10)$$,
  '42501', 'permission denied for function reclaim_expired_generations',
  'a user cannot call reclaim_expired_generations');

-- a token without a subject sees nothing
set local request.jwt.claims = '{"role": "authenticated"}';
select is((select count(*)::int from public.training_programs), 0, 'a token without sub reads no programs');

-- anon
set local role anon;
set local request.jwt.claims = '{"role": "anon"}';
select throws_ok('select count(*) from public.training_programs', '42501', null, 'anon cannot read programs');
select throws_ok($$insert into public.training_programs (title, profile) values ('x', '{}')$$,
  '42501', null, 'anon cannot create programs');
select throws_ok(format($$select public.claim_generation(%L, %L, true, 30)$$, :'a_pending', :'alice'),
  '42501', 'permission denied for function claim_generation',
  'anon cannot call claim_generation');

-- back as the server
reset role;
select is(
  (select title from public.training_programs where id = :'b_pending'), 'bob pending',
  '...and leaves another user''s program unchanged');
select set_eq(
  format($$select id from public.training_programs where id in (%L, %L, %L, %L)$$,
    :'a_pending', :'a_generating', :'b_pending', :'b_completed'),
  array[:'a_generating', :'b_pending', :'b_completed']::uuid[],
  '...but only a user''s own idle programs are deleted');

set local role service_role;
select is(
  (select count(*)::int from public.training_programs where id in (:'b_pending', :'a_generating')), 2,
  'service_role reads every user''s programs');
select ok(
  public.fail_generation(:'a_generating', :'a_job', 'cancelled'),
  'service_role may call the transition functions');
