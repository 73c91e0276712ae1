-- Races between real sessions (dblink connections to this database): row
-- locks and the partial unique index decide, never the callers' timing.
-- The rows must be committed for the other sessions to see them, so this file
-- uses its own users and deletes their rows at the end (and at the start, in
-- case an earlier run was interrupted).
begin;
select plan(20);

create extension if not exists dblink with schema extensions;
set local lock_timeout = '10s';

\set alice 'a6000000-0000-4000-8000-00000000000a'
\set bob 'b6000000-0000-4000-8000-00000000000b'
\set carol 'c6000000-0000-4000-8000-00000000000c'
\set dave 'd6000000-0000-4000-8000-00000000000d'
\set p1 '60000000-0000-4000-8000-000000000001'
\set p2 '60000000-0000-4000-8000-000000000002'
\set p3 '60000000-0000-4000-8000-000000000003'
\set p4 '60000000-0000-4000-8000-000000000004'
\set p5 '60000000-0000-4000-8000-000000000005'

select format('host=127.0.0.1 port=%s dbname=%s user=%s', inet_server_port(), current_database(), current_user)
  as conninfo \gset

-- Runs p_sql on another connection and returns its single text value or the
-- error's SQLSTATE as 'error:<code>', so a result never aborts this script.
create function pg_temp.remote(p_conn text, p_sql text) returns text language plpgsql as $$
declare
  v_result text;
begin
  select r into v_result from dblink(p_conn, p_sql) as t(r text);
  return v_result;
exception when others then
  return 'error:' || sqlstate;
end
$$;

-- Starts p_sql on connection p_conn without waiting; its result (value or
-- 'error:<code>') is collected with dblink_get_result.
create function pg_temp.send(p_conn text, p_sql text) returns integer language sql as $$
  select dblink_send_query(p_conn, format('select pg_temp.try(%L)', p_sql))
$$;

-- Waits until the backend of connection p_conn waits on a lock; false after 5 s.
create function pg_temp.blocked(p_conn text) returns boolean language plpgsql as $$
declare
  v_pid integer;
begin
  select pid into v_pid from pids where name = p_conn;
  for i in 1..500 loop
    if cardinality(pg_blocking_pids(v_pid)) > 0 then
      return true;
    end if;
    perform pg_sleep(0.01);
  end loop;
  return false;
end
$$;

\o /dev/null
select dblink_connect('setup', :'conninfo');
select dblink_connect('a', :'conninfo');
select dblink_connect('b', :'conninfo');
-- A broken transition must fail this file, not hang it on a lock.
select dblink_exec(c, 'set lock_timeout = ''10s''') from unnest(array['setup', 'a', 'b']) as c;
create temp table pids (name text, pid integer);
insert into pids select 'b', pid from dblink('b', 'select pg_backend_pid()') as t(pid integer);
-- the async side needs a wrapper that turns errors into values too
select dblink_exec('b', $sql$
  create function pg_temp.try(p_sql text) returns text language plpgsql as $f$
  declare v text;
  begin
    execute p_sql into v;
    return v;
  exception when others then
    return 'error:' || sqlstate;
  end
  $f$$sql$);
-- rows left behind by an interrupted run
select dblink_exec('setup', format('delete from public.training_programs where user_id in (%L, %L, %L, %L)',
  :'alice', :'bob', :'carol', :'dave'));
select dblink_exec('setup', format(
  $$insert into public.training_programs (id, user_id, profile) values
      (%L, %L, '{}'), (%L, %L, '{}'), (%L, %L, '{}'), (%L, %L, '{}'), (%L, %L, '{}')$$,
  :'p1', :'alice', :'p2', :'bob', :'p3', :'bob', :'p4', :'carol', :'p5', :'carol'));
\o

-- 1. Two claims of one row: the second waits for the first, then re-checks its
--    WHERE against the committed winner and matches nothing.
\o /dev/null
select dblink_exec('a', 'begin');
\o
select isnt(
  pg_temp.remote('a', format('select generation_job_id::text from public.claim_generation(%L, %L, false, 30)',
    :'p1', :'alice')),
  null, 'the first of two racing claims wins');
\o /dev/null
select pg_temp.send('b', format('select generation_job_id::text from public.claim_generation(%L, %L, false, 30)',
  :'p1', :'alice'));
\o
select ok(pg_temp.blocked('b'), 'the second claim waits on the first one''s row lock');
\o /dev/null
select dblink_exec('a', 'commit');
\o
select is((select r from dblink_get_result('b') as t(r text)), null,
  'the second claim then gets no row');
select is((select count(*)::int from dblink_get_result('b') as t(r text)), 0, 'the async query is drained');
select is(
  (select generation_attempts from public.training_programs where id = :'p1'), 1,
  'exactly one of the racing claims took effect');

-- 2. Two programs of one user claimed at once: the second waits on the first's
--    index entry, then raises unique_violation once the first commits...
\o /dev/null
select dblink_exec('a', 'begin');
\o
select is(
  pg_temp.remote('a', format('select generation_status from public.claim_generation(%L, %L, false, 30)',
    :'p2', :'bob')),
  'generating', 'the first of two programs claimed at once wins');
\o /dev/null
select pg_temp.send('b', format('select generation_status from public.claim_generation(%L, %L, false, 30)',
  :'p3', :'bob'));
\o
select ok(pg_temp.blocked('b'), 'the other program''s claim waits for the first to commit');
\o /dev/null
select dblink_exec('a', 'commit');
\o
select is((select r from dblink_get_result('b') as t(r text)), 'error:23505',
  'and then raises unique_violation');
\o /dev/null
select * from dblink_get_result('b') as t(r text);
\o

-- 3. ...but wins when the first rolls back: nothing was generating after all.
\o /dev/null
select dblink_exec('a', 'begin');
\o
select is(
  pg_temp.remote('a', format('select generation_status from public.claim_generation(%L, %L, false, 30)',
    :'p4', :'carol')),
  'generating', 'a claim inside a transaction that will roll back');
\o /dev/null
select pg_temp.send('b', format('select generation_status from public.claim_generation(%L, %L, false, 30)',
  :'p5', :'carol'));
select pg_temp.blocked('b');
select dblink_exec('a', 'rollback');
\o
select is((select r from dblink_get_result('b') as t(r text)), 'generating',
  'the waiting claim wins when the first rolls back');
\o /dev/null
select * from dblink_get_result('b') as t(r text);
\o

-- 4. Reclaim never waits on a row another session holds; the sweeper skips it.
\o /dev/null
select dblink_exec('setup', format(
  $$update public.training_programs set generation_lease_until = now() - interval '1 second'
     where id in (%L, %L)$$, :'p2', :'p5'));
select dblink_exec('a', 'begin');
select * from dblink('a', format('select 1 from public.training_programs where id = %L for update', :'p2'))
  as t(x int);
\o
select is(
  (select id from public.reclaim_generation(:'p2', 30, 3)), null,
  'reclaim_generation skips a row another session holds instead of waiting');
select set_eq(
  format($$select id from public.reclaim_expired_generations(30, 3, 100) where id in (%L, %L)$$, :'p2', :'p5'),
  array[:'p5']::uuid[],
  'the sweeper reclaims the free expired row and skips the held one');
\o /dev/null
select dblink_exec('a', 'rollback');
\o

-- 5. A stale worker racing the reclaim of its own job: whichever commits first,
--    the other's fenced statement matches nothing.
select generation_job_id as stale_job from public.training_programs where id = :'p2' \gset
\o /dev/null
select dblink_exec('a', 'begin');
\o
select is(
  pg_temp.remote('a', format('select generation_attempts::text from public.reclaim_generation(%L, 30, 3)', :'p2')),
  '2', 'a sweeper reclaims the expired job');
\o /dev/null
select pg_temp.send('b', format($$select public.complete_generation(%L, %L, '{}')::text$$, :'p2', :'stale_job'));
\o
select ok(pg_temp.blocked('b'), 'the stale worker''s completion waits for the reclaim');
\o /dev/null
select dblink_exec('a', 'commit');
\o
select is((select r from dblink_get_result('b') as t(r text)), 'false',
  'and is refused once the new job owns the row');
\o /dev/null
select * from dblink_get_result('b') as t(r text);
\o
select is(
  (select generation_status || '/' || (generation_job_id <> :'stale_job') from public.training_programs where id = :'p2'),
  'generating/true', 'the new attempt is still running under its own job id');

-- 6. Two creates of one user at once: the second waits on the first's index
--    entry, raises unique_violation once the first commits, and leaves no row.
\o /dev/null
select dblink_exec('a', 'begin');
\o
select is(
  pg_temp.remote('a', format($$select generation_status from public.create_and_claim_generation(%L, 'a', '{}', 30)$$,
    :'dave')),
  'generating', 'the first of two racing creates wins');
\o /dev/null
select pg_temp.send('b', format($$select generation_status from public.create_and_claim_generation(%L, 'b', '{}', 30)$$,
  :'dave'));
\o
select ok(pg_temp.blocked('b'), 'the second create waits for the first to commit');
\o /dev/null
select dblink_exec('a', 'commit');
\o
select is((select r from dblink_get_result('b') as t(r text)), 'error:23505',
  'and then raises unique_violation');
\o /dev/null
select * from dblink_get_result('b') as t(r text);
\o
select is(
  (select string_agg(title, ',') from public.training_programs where user_id = :'dave'), 'a',
  'the losing create left no row behind');

\o /dev/null
select dblink_disconnect('setup');
select dblink_disconnect('a');
select dblink_disconnect('b');
\o
select * from finish();
rollback;

-- This session held locks on rows it reclaimed above, so clean up only now.
delete from public.training_programs where user_id in (:'alice', :'bob', :'carol', :'dave');
