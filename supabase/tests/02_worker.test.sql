-- report_generation_progress, complete_generation and fail_generation: a worker
-- acts only while its job id is the current attempt's.
begin;
select plan(30);

\set alice 'a0000000-0000-4000-8000-00000000000a'
\set bob 'b0000000-0000-4000-8000-00000000000b'
\set p1 '20000000-0000-4000-8000-000000000001'
\set p2 '20000000-0000-4000-8000-000000000002'
\set p3 '20000000-0000-4000-8000-000000000003'

insert into public.training_programs (id, user_id, profile) values
  (:'p1', :'alice', '{}'), (:'p2', :'bob', '{}'), (:'p3', :'bob', '{}');
create temp table job as
  select generation_job_id as id from public.claim_generation(:'p1', :'alice', false, 30);

-- progress
select ok(
  public.report_generation_progress(:'p1', (select id from job), '{"stage": "plan", "percent": 30}', 60),
  'the current job reports progress');
select is(
  (select generation_progress from public.training_programs where id = :'p1'),
  '{"stage": "plan", "percent": 30}'::jsonb,
  'progress is stored');
select is(
  (select generation_lease_until from public.training_programs where id = :'p1'),
  now() + interval '60 seconds',
  'progress extends the lease by p_lease_seconds');
select is(
  public.report_generation_progress(:'p1', gen_random_uuid(), '{"stage": "select", "percent": 50}', 60),
  false,
  'another job id cannot report progress');
select is(
  (select generation_progress ->> 'stage' from public.training_programs where id = :'p1'), 'plan',
  'refused progress leaves the stored progress alone');
select is(
  public.report_generation_progress(:'p2', gen_random_uuid(), '{"stage": "plan", "percent": 30}', 60),
  false,
  'a pending program takes no progress');
select throws_ok(
  format($$select public.report_generation_progress(%L, %L, '[30]', 60)$$, :'p1', (select id from job)),
  '23514', null, 'progress must be a JSON object');

-- complete
select is(
  public.complete_generation(:'p1', gen_random_uuid(), '{"weeks": []}'), false,
  'another job id cannot complete');
select is(
  (select generation_status from public.training_programs where id = :'p1'), 'generating',
  'a refused completion leaves the program generating');
select throws_ok(
  format($$select public.complete_generation(%L, %L, null)$$, :'p1', (select id from job)),
  '23514', null, 'completing without a program is refused');
select ok(
  public.complete_generation(:'p1', (select id from job), '{"weeks": [1]}'),
  'the current job completes');
create temp table done as select * from public.training_programs where id = :'p1';
select is(generation_status, 'completed', 'completion sets status completed') from done;
select is(program, '{"weeks": [1]}'::jsonb, 'completion stores the program') from done;
select is(generation_progress, '{"stage": "save", "percent": 100}'::jsonb, 'completion sets progress to 100')
  from done;
select is(generation_finished_at, now(), 'completion records the finish time') from done;
select is(generation_lease_until, null, 'completion releases the lease') from done;
select is(
  public.complete_generation(:'p1', (select id from job), '{"weeks": [2]}'), false,
  'a job cannot complete twice');
select is(
  (select program from public.training_programs where id = :'p1'), '{"weeks": [1]}'::jsonb,
  'a second completion does not overwrite the program');
select is(
  public.fail_generation(:'p1', (select id from job), 'late failure'), false,
  'a completed job cannot fail');
select is(
  public.report_generation_progress(:'p1', (select id from job), '{"stage": "plan", "percent": 1}', 60),
  false,
  'a completed job cannot report progress');

-- fail
create temp table job2 as
  select generation_job_id as id from public.claim_generation(:'p2', :'bob', false, 30);
select is(public.fail_generation(:'p2', gen_random_uuid(), 'boom'), false, 'another job id cannot fail');
select throws_ok(
  format($$select public.fail_generation(%L, %L, null)$$, :'p2', (select id from job2)),
  '23514', null, 'failing without an error message is refused');
select ok(public.fail_generation(:'p2', (select id from job2), 'infeasible: not enough time'),
  'the current job fails');
select is(
  (select generation_status || ': ' || generation_error from public.training_programs where id = :'p2'),
  'failed: infeasible: not enough time',
  'failure sets status failed and stores the error');
select is(
  (select generation_lease_until is null and generation_finished_at = now()
     from public.training_programs where id = :'p2'),
  true,
  'failure releases the lease and records the finish time');

-- a worker whose lease expired keeps its job until someone takes it over
create temp table late as
  select generation_job_id as id from public.claim_generation(:'p3', :'bob', false, 0);
select ok(
  public.report_generation_progress(:'p3', (select id from late), '{"stage": "plan", "percent": 30}', 30),
  'a worker past its lease may still report while no one took over');
-- ...but once the lease is taken over, the old worker is fenced out
update public.training_programs set generation_lease_until = now() - interval '1 second' where id = :'p3';
create temp table newer as
  select generation_job_id as id from public.reclaim_generation(:'p3', 30, 3);
select is(
  public.report_generation_progress(:'p3', (select id from late), '{"stage": "save", "percent": 99}', 30),
  false,
  'a stale worker cannot report progress on the newer attempt');
select is(
  public.complete_generation(:'p3', (select id from late), '{"stale": true}'), false,
  'a stale worker cannot complete the newer attempt');
select is(
  public.fail_generation(:'p3', (select id from late), 'stale'), false,
  'a stale worker cannot fail the newer attempt');
select is(
  (select generation_status = 'generating' and generation_job_id = (select id from newer)
          and generation_progress is null and program is null
     from public.training_programs where id = :'p3'),
  true,
  'the newer attempt is untouched by the stale worker');
