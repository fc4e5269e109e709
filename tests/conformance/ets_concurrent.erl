%% ETS from many processes at once (on several schedulers under earts):
%% eight workers on one `public` table with `read_concurrency` and
%% `write_concurrency` and on private tables of their own, then tables
%% deleted (by `delete/1` and by their owner's end) while other processes
%% read them. Only totals and sorted results are printed, never an
%% interleaving. Processes are spawned unlinked (earts links a
%% `spawn_link`ed process after it may have run, and one that ends within
%% its first slice sends `noproc`), and every wait has a timeout.
-module(ets_concurrent).
-export([main/1]).

-define(WORKERS, 8).
-define(KEYS, 300).

show(Label, Value) -> io:format("~s: ~p~n", [Label, Value]).

main(_) ->
    hammer(),
    deleted_while_read(),
    named_deleted_while_read(),
    owner_exit_while_read(),
    continuation_after_delete(),
    fixed_while_written().

%% Eight workers write their own keys of the shared table, bump a common
%% counter and their own, read each other's keys, select, and keep a
%% private table each; the owner's private table is closed to them.
hammer() ->
    Shared = ets:new(shared, [set, public, {read_concurrency, true},
                              {write_concurrency, true}]),
    true = ets:insert(Shared, {counter, 0}),
    Closed = ets:new(closed, [private]),
    true = ets:insert(Closed, {secret, 1}),
    Parent = self(),
    Pids = [spawn(fun() -> Parent ! {self(), worker(Shared, Closed, W)} end)
            || W <- lists:seq(1, ?WORKERS)],
    Results = [receive {Pid, Result} -> Result after 60000 -> timeout end || Pid <- Pids],
    show("workers", Results),
    show("counter", ets:lookup(Shared, counter)),
    show("size", ets:info(Shared, size)),
    show("per worker", lists:sort(ets:select(Shared, [{{{c, '$1'}, '$2'}, [], [{{'$1', '$2'}}]}]))),
    show("key 7 of each",
         lists:sort(ets:select(Shared, [{{{w, '$1', 7}, '$2'}, [], [{{'$1', '$2'}}]}]))),
    show("select_count", ets:select_count(Shared, [{{{w, '_', '$1'}, '_'}, [{'>', '$1', 290}], [true]}])),
    show("sum", ets:foldl(fun({{w, _, _}, V}, Acc) -> Acc + V; (_, Acc) -> Acc end, 0, Shared)),
    show("all still there", [lists:member(T, ets:all()) || T <- [Shared, Closed]]),
    ets:delete(Shared),
    ets:delete(Closed).

worker(Shared, Closed, W) ->
    Private = ets:new(private, [ordered_set, private]),
    Keys = lists:seq(1, ?KEYS),
    lists:foreach(
      fun(K) ->
              true = ets:insert(Shared, {{w, W, K}, W * K}),
              true = ets:insert(Private, {K, W + K}),
              ets:update_counter(Shared, counter, 1),
              ets:update_counter(Shared, {c, W}, {2, 1}, {{c, W}, 0}),
              %% Another worker's key: there or not yet, either is fine.
              Other = W rem ?WORKERS + 1,
              case ets:lookup(Shared, {w, Other, K}) of
                  [] -> ok;
                  [{_, V}] when V =:= Other * K -> ok
              end,
              [{K, _}] = ets:lookup(Private, K)
      end, Keys),
    Mine = ets:select(Shared, [{{{w, W, '_'}, '$1'}, [], ['$1']}]),
    Matched = length(ets:match(Shared, {{w, W, '$1'}, '_'})),
    Walked = ets:foldl(fun({_, V}, Acc) -> Acc + V end, 0, Private),
    Denied = [catch ets:lookup(Closed, secret), catch ets:insert(Closed, {x, 1})],
    ets:delete(Private),
    {W, lists:sum(Mine), Matched, Walked,
     [Reason || {'EXIT', {Reason, _}} <- Denied],
     ets:info(Private, size)}.

%% Readers look up and select in a loop until the table is gone: each
%% must end with `badarg`.
deleted_while_read() ->
    T = ets:new(doomed, [set, public, {read_concurrency, true}]),
    ets:insert(T, [{K, K} || K <- lists:seq(1, 100)]),
    Readers = start_readers(T, 6),
    wait_started(Readers),
    true = ets:delete(T),
    show("readers after delete", collect(Readers)),
    show("after delete", [catch_badarg(fun() -> ets:lookup(T, 1) end),
                          catch_badarg(fun() -> ets:insert(T, {1, 1}) end),
                          ets:info(T), ets:info(T, size)]).

%% The same for a named table, read by name; the name is free after.
named_deleted_while_read() ->
    T = ets:new(conc_named, [named_table, public, {read_concurrency, true}]),
    ets:insert(T, [{K, K} || K <- lists:seq(1, 100)]),
    Readers = start_readers(conc_named, 4),
    wait_started(Readers),
    true = ets:delete(conc_named),
    show("named readers after delete", collect(Readers)),
    show("name free", [ets:whereis(conc_named),
                       ets:new(conc_named, [named_table]) =:= conc_named,
                       ets:info(conc_named, size)]),
    ets:delete(conc_named).

%% The owner's end deletes the table while others read it.
owner_exit_while_read() ->
    Parent = self(),
    Owner = spawn(fun() ->
                          T = ets:new(owned, [public, {read_concurrency, true}]),
                          ets:insert(T, [{K, K} || K <- lists:seq(1, 50)]),
                          Parent ! {table, T},
                          receive stop -> ok end
                  end),
    T = receive {table, Table} -> Table after 60000 -> timeout end,
    Readers = start_readers(T, 4),
    wait_started(Readers),
    Ref = monitor(process, Owner),
    Owner ! stop,
    receive {'DOWN', Ref, process, Owner, _} -> ok end,
    show("readers after owner exit", collect(Readers)),
    show("owner gone", ets:info(T)).

%% A chunked select goes on from its continuation only while the table
%% exists.
continuation_after_delete() ->
    T = ets:new(chunks, [set, public]),
    ets:insert(T, [{K, K} || K <- lists:seq(1, 40)]),
    {First, Cont} = ets:select(T, [{'_', [], ['$_']}], 10),
    {Second, Cont2} = ets:select(Cont),
    true = ets:delete(T),
    show("chunks", [length(First), length(Second),
                    catch_badarg(fun() -> ets:select(Cont2) end)]).

%% A fixed table walked with first/next while writers add and delete
%% other keys: the walk sees every key it started with.
fixed_while_written() ->
    T = ets:new(walked, [set, public, {write_concurrency, true}]),
    ets:insert(T, [{K, old} || K <- lists:seq(1, 200)]),
    Parent = self(),
    Writers = [spawn(fun() ->
                                  [ets:insert(T, {{new, W, K}, new}) || K <- lists:seq(1, 100)],
                                  [ets:delete(T, {new, W, K}) || K <- lists:seq(1, 100, 2)],
                                  Parent ! {self(), done}
                          end) || W <- lists:seq(1, 4)],
    true = ets:safe_fixtable(T, true),
    Old = walk(T, ets:first(T), 0),
    true = ets:safe_fixtable(T, false),
    [receive {Pid, done} -> ok after 60000 -> timeout end || Pid <- Writers],
    show("walk", [Old, ets:info(T, size), ets:info(T, fixed)]),
    ets:delete(T).

walk(_T, '$end_of_table', Old) -> Old;
walk(T, Key, Old) ->
    Next = ets:next(T, Key),
    case Key of
        {new, _, _} -> walk(T, Next, Old);
        _ -> walk(T, Next, Old + 1)
    end.

start_readers(T, N) ->
    Parent = self(),
    [spawn(fun() -> reader(Parent, T, 0) end) || _ <- lists:seq(1, N)].

%% Reads until `badarg`; says so after its first hundred reads.
reader(Parent, T, N) ->
    N =:= 100 andalso (Parent ! {self(), started}),
    Result = case N rem 3 of
                 0 -> catch ets:lookup(T, N rem 100 + 1);
                 1 -> catch ets:select(T, [{{'$1', '_'}, [{'<', '$1', 5}], ['$1']}]);
                 2 -> catch ets:member(T, N)
             end,
    case Result of
        {'EXIT', {badarg, _}} when N >= 100 -> Parent ! {self(), badarg};
        {'EXIT', Other} -> Parent ! {self(), {unexpected, Other}};
        _ -> reader(Parent, T, N + 1)
    end.

wait_started(Readers) ->
    [receive {Pid, started} -> ok after 60000 -> timeout end || Pid <- Readers].

collect(Readers) ->
    lists:usort([receive {Pid, Outcome} -> Outcome after 60000 -> timeout end
                 || Pid <- Readers]).

catch_badarg(F) ->
    try F() catch error:badarg -> badarg end.
