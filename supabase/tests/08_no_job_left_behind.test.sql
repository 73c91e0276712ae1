-- No job left behind: expired leases are released (pending, or failed after
-- max attempts) by the claim path and by pg_cron; a shutting-down worker
-- releases its own runs; the reclaim takes interrupted rows one per user;
-- create and claim are safe to retry; profiles are bounded.
begin;
select plan(29);

\set alice 'a8000000-0000-4000-8000-00000000000a'
\set bob 'b8000000-0000-4000-8000-00000000000b'
\set carol 'c8000000-0000-4000-8000-00000000000c'
\set old_id 'a8000000-1111-4000-8000-000000000001'
\set new_id 'a8000000-2222-4000-8000-000000000002'
\set job_id 'a8000000-3333-4000-8000-000000000003'

-- create_and_claim_generation is safe to retry with the same ids
create temp table first_try as
  select * from public.create_and_claim_generation(:'alice', 'old', '{}', 30, 3, :'old_id', :'job_id');
create temp table second_try as
  select * from public.create_and_claim_generation(:'alice', 'old', '{}', 30, 3, :'old_id', :'job_id');
select is((select id from second_try), :'old_id'::uuid, 'a retried create returns the row it created');
select is((select generation_job_id from second_try), :'job_id'::uuid, 'with the job id it was given');
select is((select count(*)::int from public.training_programs where user_id = :'alice'), 1,
  'a retried create creates nothing more');

-- an expired lease never blocks its user: the claim path releases it first
update public.training_programs set generation_lease_until = now() - interval '1 second'
 where id = :'old_id';
select lives_ok(
  format($$select public.create_and_claim_generation(%L, 'new', '{}', 30, 3, %L)$$, :'alice', :'new_id'),
  'a create succeeds while another of the user''s leases has expired');
select is((select generation_status from public.training_programs where id = :'old_id'), 'pending',
  'the expired run is released to pending');
select is((select generation_attempts from public.training_programs where id = :'old_id'), 1,
  'the release keeps its attempts, so it is an interrupted row');
select is((select generation_lease_until from public.training_programs where id = :'old_id'), null,
  'a released row holds no lease');
select ok(
  not public.report_generation_progress(:'old_id', :'job_id', '{"stage": "plan", "percent": 1}', 30),
  'the released run''s worker is fenced out');

-- the reclaim takes an interrupted row only when its user is free
select is((select count(*)::int from public.reclaim_expired_generations(30, 3, 10, :'alice')), 0,
  'an interrupted row waits while its user has a generation running');
select ok(
  public.complete_generation(:'new_id', (select generation_job_id from public.training_programs
                                          where id = :'new_id'), '{}'),
  'the user''s running generation completes');
create temp table resumed as select * from public.reclaim_expired_generations(30, 3, 10, :'alice');
select is((select id from resumed), :'old_id'::uuid, 'then the interrupted row is reclaimed');
select is((select generation_status from resumed), 'generating', 'as a new attempt');
select is((select generation_attempts from resumed), 2, 'that counts');
select isnt((select generation_job_id from resumed), :'job_id'::uuid, 'with a new job id');
select is((select id from public.reclaim_generation(:'old_id', 30, 3)), null,
  'reclaim_generation leaves a live lease alone');

-- a shutting-down worker releases its own run, fenced by its job id
select ok(not public.release_generation(:'old_id', :'job_id'), 'a stale job id releases nothing');
select ok(public.release_generation(:'old_id', (select generation_job_id from resumed)),
  'the current job id releases its run');
select is((select generation_status || '/' || generation_attempts from public.training_programs
            where id = :'old_id'), 'pending/2', 'a released run is interrupted, attempts kept');
select is((select generation_status from public.reclaim_generation(:'old_id', 30, 3)), 'generating',
  'reclaim_generation takes an interrupted row at once');

-- the heartbeat is fenced and extends from when it runs
select ok(public.renew_generation_lease(:'old_id',
  (select generation_job_id from public.training_programs where id = :'old_id'), 60),
  'the current job renews its lease');
select ok((select generation_lease_until > now() + interval '59 seconds'
             from public.training_programs where id = :'old_id'), 'by the given seconds');
select ok(not public.renew_generation_lease(:'old_id', :'job_id', 60), 'a stale job cannot renew');

-- the release job: failed at max attempts, pending below, everyone's rows
insert into public.training_programs (
  user_id, title, profile, generation_status, generation_attempts, generation_job_id,
  generation_started_at, generation_lease_until)
values
  (:'bob', 'bob below max', '{}', 'generating', 2, gen_random_uuid(), now(), now() - interval '1 second'),
  (:'carol', 'carol at max', '{}', 'generating', 3, gen_random_uuid(), now(), now() - interval '1 second');
create temp table released as select * from public.release_expired_generations(3);
select is((select generation_status from released where user_id = :'bob'), 'pending',
  'below max attempts an expired lease becomes claimable');
select is((select generation_status from released where user_id = :'carol'), 'failed',
  'at max attempts it fails');
select is((select generation_error from released where user_id = :'carol'),
  'attempts_exhausted: generation did not finish after 3 attempts', 'saying why, code first');
select is((select count(*)::int from released), 2, 'live leases are not released');

-- pg_cron runs the release every minute where pg_cron exists (Supabase does)
select ok(
  not exists (select 1 from pg_catalog.pg_available_extensions where name = 'pg_cron')
  or not exists (select 1 from pg_catalog.pg_extension where extname = 'pg_cron')
  or exists (select 1 from cron.job where jobname = 'release-expired-generations'
               and schedule = '* * * * *' and command like '%release_expired_generations(3)%'),
  'the release job is scheduled when pg_cron is installed');

-- a profile is at most 16 KB of JSON
select throws_ok(
  format($$select public.create_and_claim_generation(%L, 'big', %L::jsonb, 30)$$,
    :'bob', jsonb_build_object('excludedExercises', repeat('x', 17000))),
  '23514', null, 'a profile over 16 KB is refused');
select lives_ok(
  format($$insert into public.training_programs (user_id, profile) values (%L, %L::jsonb)$$,
    :'bob', jsonb_build_object('notes', repeat('x', 16000))),
  'a profile under 16 KB is stored');

select * from finish();
rollback;
