-- create_training_program and claim_generation: which states may start an
-- attempt, who may start it, and how attempts are counted.
begin;
select plan(34);

\set alice 'a0000000-0000-4000-8000-00000000000a'
\set bob 'b0000000-0000-4000-8000-00000000000b'
\set carol 'c0000000-0000-4000-8000-00000000000c'
\set dave 'd0000000-0000-4000-8000-00000000000d'
\set p1 '10000000-0000-4000-8000-000000000001'
\set p2 '10000000-0000-4000-8000-000000000002'
\set p3 '10000000-0000-4000-8000-000000000003'
\set p4 '10000000-0000-4000-8000-000000000004'
\set p5 '10000000-0000-4000-8000-000000000005'

-- create_training_program
create temp table created as
  select * from public.create_training_program(:'alice', null, '{"goal": "strength"}');
select is(generation_status, 'pending', 'a created program is pending') from created;
select is(generation_attempts, 0, 'a created program has no attempts') from created;
select is(user_id, :'alice'::uuid, 'a created program belongs to the given user') from created;
select is(title, '', 'a null title is stored as the empty title') from created;
select throws_ok(
  $$select public.create_training_program('a0000000-0000-4000-8000-00000000000a', 't', '[1, 2]')$$,
  '23514', null, 'a profile that is not a JSON object is refused');

insert into public.training_programs (id, user_id, title, profile) values
  (:'p1', :'alice', 'first', '{}'),
  (:'p2', :'alice', 'second', '{}');

-- pending → generating
create temp table claim1 as select * from public.claim_generation(:'p1', :'alice', false, 30);
select is(generation_status, 'generating', 'claim moves a pending program to generating') from claim1;
select is(generation_attempts, 1, 'the first claim is attempt 1') from claim1;
select isnt(generation_job_id, null, 'a claim issues a job id') from claim1;
select is(generation_lease_until, now() + interval '30 seconds', 'the lease lasts p_lease_seconds') from claim1;
select is(generation_started_at, now(), 'a claim records when the attempt started') from claim1;
select is(
  (select generation_job_id from public.training_programs where id = :'p1'),
  (select generation_job_id from claim1),
  'the returned row is the stored row');

-- a live generation cannot be claimed again, not even with force
select is(
  (select id from public.claim_generation(:'p1', :'alice', false, 30)), null,
  'a second claim of a live generation gets no row');
select is(
  (select id from public.claim_generation(:'p1', :'alice', true, 30)), null,
  'force does not take over a live generation');
select is(
  (select generation_job_id from public.training_programs where id = :'p1'),
  (select generation_job_id from claim1),
  'refused claims leave the job id unchanged');
select is(
  (select generation_attempts from public.training_programs where id = :'p1'), 1,
  'refused claims do not count as attempts');

-- ownership
select is(
  (select id from public.claim_generation(:'p2', :'bob', false, 30)), null,
  'another user cannot claim the program');
select is(
  (select id from public.claim_generation(gen_random_uuid(), :'alice', false, 30)), null,
  'an unknown program id gets no row');

-- one generation per user
select throws_ok(
  $$select public.claim_generation('10000000-0000-4000-8000-000000000002',
      'a0000000-0000-4000-8000-00000000000a', false, 30)$$,
  '23505',
  'duplicate key value violates unique constraint "training_programs_one_generating_per_user"',
  'claiming while another of the user''s programs is generating raises unique_violation');
select is(
  (select generation_status || '/' || generation_attempts from public.training_programs where id = :'p2'),
  'pending/0',
  'the refused program stays pending without an attempt');

-- completed: only with force, and a forced retry starts counting again
select ok(
  public.complete_generation(:'p1', (select generation_job_id from claim1), '{"weeks": []}'),
  'the current job completes');
select is(
  (select id from public.claim_generation(:'p1', :'alice', false, 30)), null,
  'a completed program is not claimed without force');
select is(
  (select id from public.claim_generation(:'p1', :'alice', null, 30)), null,
  'a null force counts as no force');
create temp table forced as select * from public.claim_generation(:'p1', :'alice', true, 30);
select is(generation_status, 'generating', 'force restarts a completed program') from forced;
select is(generation_attempts, 1, 'a forced restart is attempt 1 of a new request') from forced;
select isnt(generation_job_id, (select generation_job_id from claim1), 'a forced restart gets a new job id')
  from forced;
select is(
  (select generation_finished_at is null and generation_progress is null from forced), true,
  'a forced restart clears finished_at and progress');

-- the user's next program is claimable once the running one is done
select ok(
  public.fail_generation(:'p1', (select generation_job_id from forced), 'infeasible: no time'),
  'the forced job fails');
select is(
  (select generation_status from public.claim_generation(:'p2', :'alice', false, 30)), 'generating',
  'another program of the user is claimable once none is generating');

-- failed → generating resets attempts and clears the error
insert into public.training_programs (
  id, user_id, profile, generation_status, generation_error, generation_attempts,
  generation_job_id, generation_started_at, generation_finished_at, generation_progress)
values (:'p3', :'carol', '{}', 'failed', 'generation did not finish after 3 attempts', 3,
  gen_random_uuid(), now() - interval '1 hour', now() - interval '50 minutes',
  '{"stage": "plan", "percent": 30}');
create temp table retried as select * from public.claim_generation(:'p3', :'carol', false, 30);
select is(generation_attempts, 1, 'a retry of a failed program is attempt 1') from retried;
select is(
  (select generation_error is null and generation_finished_at is null and generation_progress is null
     from retried), true,
  'a retry clears the error, finished_at and progress');

-- an expired generation may be claimed: its worker is presumed dead
create temp table short_lease as select * from public.claim_generation(
  (select id from public.create_training_program(:'dave', 'x', '{}')), :'dave', false, 0);
create temp table taken_over as
  select * from public.claim_generation((select id from short_lease), :'dave', false, 30);
select is(generation_attempts, 2, 'claiming an expired generation counts another attempt') from taken_over;
select isnt(generation_job_id, (select generation_job_id from short_lease),
  'claiming an expired generation issues a new job id') from taken_over;
select is(generation_lease_until, now() + interval '30 seconds', 'claiming an expired generation grants a new lease') from taken_over;

-- a lease that ran out earlier is just as expired
insert into public.training_programs (
  id, user_id, profile, generation_status, generation_attempts, generation_job_id,
  generation_started_at, generation_lease_until)
values (:'p4', :'bob', '{}', 'generating', 2, gen_random_uuid(), now() - interval '2 minutes',
  now() - interval '1 minute');
select is(
  (select generation_attempts from public.claim_generation(:'p4', :'bob', false, 30)), 3,
  'a generation whose lease ran out is claimable and counts attempt 3');
