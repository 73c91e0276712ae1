-- reclaim_generation and reclaim_expired_generations: an expired lease means
-- the worker died; retry below the attempt limit, fail at it.
begin;
select plan(24);

-- One generating program per user, so each row gets its own user.
create temp table fixture (name text primary key, id uuid not null default gen_random_uuid());
insert into fixture (name) values
  ('live'), ('expired_once'), ('expired_at_max'), ('expired_over_max'), ('pending'), ('failed'),
  ('completed'), ('sweep_old'), ('sweep_new'), ('sweep_max'), ('sweep_live');
create function pg_temp.id(p_name text) returns uuid language sql
  as $$ select id from fixture where name = p_name $$;

insert into public.training_programs (
  id, user_id, profile, generation_status, generation_attempts, generation_job_id,
  generation_started_at, generation_lease_until, generation_progress)
select f.id, gen_random_uuid(), '{}', 'generating', v.attempts, gen_random_uuid(),
       now() - interval '10 minutes', now() + v.lease, '{"stage": "plan", "percent": 30}'
  from fixture f
  join (values
    ('live', 1, interval '1 minute'),
    ('expired_once', 1, interval '-1 second'),
    ('expired_at_max', 3, interval '-1 second'),
    ('expired_over_max', 5, interval '-1 second'),
    ('sweep_old', 1, interval '-3 minutes'),
    ('sweep_new', 2, interval '-1 minute'),
    ('sweep_max', 3, interval '-2 minutes'),
    ('sweep_live', 1, interval '5 minutes')
  ) as v(name, attempts, lease) on v.name = f.name;
insert into public.training_programs (id, user_id, profile, generation_status, generation_error, program)
select f.id, gen_random_uuid(), '{}', v.status, v.error, v.program
  from fixture f
  join (values
    ('pending', 'pending', null, null),
    ('failed', 'failed', 'boom', null),
    ('completed', 'completed', null, '{}'::jsonb)
  ) as v(name, status, error, program) on v.name = f.name;
create temp table before as select * from public.training_programs;

-- rows that are not expired generations are left alone
select is((select id from public.reclaim_generation(pg_temp.id('live'), 30, 3)), null,
  'a live lease is not reclaimed');
select is(
  (select generation_job_id from public.training_programs where id = pg_temp.id('live')),
  (select generation_job_id from before where id = pg_temp.id('live')),
  'a live generation keeps its job id');
select is((select id from public.reclaim_generation(pg_temp.id('pending'), 30, 3)), null,
  'a pending program is not reclaimed');
select is((select id from public.reclaim_generation(pg_temp.id('failed'), 30, 3)), null,
  'a failed program is not reclaimed');
select is((select id from public.reclaim_generation(pg_temp.id('completed'), 30, 3)), null,
  'a completed program is not reclaimed');

-- below the limit: a new attempt
create temp table retried as select * from public.reclaim_generation(pg_temp.id('expired_once'), 30, 3);
select is(generation_status, 'generating', 'an expired lease below max attempts is retried') from retried;
select is(generation_attempts, 2, 'the retry counts another attempt') from retried;
select isnt(generation_job_id, (select generation_job_id from before where id = pg_temp.id('expired_once')),
  'the retry gets a new job id, fencing out the old worker') from retried;
select is(generation_lease_until, now() + interval '30 seconds', 'the retry gets a fresh lease') from retried;
select is(generation_started_at, now(), 'the retry records its start') from retried;
select is(generation_progress, null, 'the retry clears the old attempt''s progress') from retried;
select is((select id from public.reclaim_generation(pg_temp.id('expired_once'), 30, 3)), null,
  'a retried generation is not reclaimed again while its new lease is live');

-- at or over the limit: failed with a clear message
create temp table exhausted as select * from public.reclaim_generation(pg_temp.id('expired_at_max'), 30, 3);
select is(generation_status, 'failed', 'an expired lease at max attempts fails the program') from exhausted;
select is(generation_error, 'attempts_exhausted: generation did not finish after 3 attempts', 'the failure says why, code first')
  from exhausted;
select is(generation_attempts, 3, 'failing does not count another attempt') from exhausted;
select is(
  (select generation_lease_until is null and generation_finished_at = now() from exhausted), true,
  'failing releases the lease and records the finish time');
select is(
  (select generation_status from public.reclaim_generation(pg_temp.id('expired_over_max'), 30, 3)),
  'failed',
  'an expired lease over max attempts fails the program');

-- the sweeper: oldest lease first, up to the limit, live leases untouched
create temp table swept1 as select * from public.reclaim_expired_generations(30, 3, 1);
select is((select count(*)::int from swept1), 1, 'the sweeper honours p_limit');
select is((select id from swept1), pg_temp.id('sweep_old'), 'the sweeper takes the oldest lease first');
create temp table swept as select * from public.reclaim_expired_generations(30, 3, 100);
select set_eq(
  'select id from swept',
  $$select id from fixture where name in ('sweep_new', 'sweep_max')$$,
  'the sweeper takes every remaining expired lease and nothing else');
select is((select generation_status || '/' || generation_attempts from swept where id = pg_temp.id('sweep_new')),
  'generating/3', 'the sweeper retries below max attempts');
select is((select generation_status || '/' || generation_attempts from swept where id = pg_temp.id('sweep_max')),
  'failed/3', 'the sweeper fails at max attempts');
select is(
  (select generation_job_id from public.training_programs where id = pg_temp.id('sweep_live')),
  (select generation_job_id from before where id = pg_temp.id('sweep_live')),
  'the sweeper leaves live leases alone');
select is((select count(*)::int from public.reclaim_expired_generations(30, 3, 100)), 0,
  'a second sweep finds nothing to reclaim');
