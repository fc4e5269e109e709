%% ETS with several schedulers: one worker per scheduler, each looking up
%% (and every eighth time rewriting) its share of the keys of one shared
%% `public` table with `read_concurrency` and `write_concurrency`. The
%% total work is the same for every scheduler count, so the time shows how
%% well table access scales.
-module(ets_parallel).
-export([main/1]).

-define(KEYS, 100000).
-define(PASSES, 20).

main(_) ->
    Table = ets:new(bench, [set, public, {read_concurrency, true},
                            {write_concurrency, true}]),
    fill(Table, ?KEYS),
    Workers = erlang:system_info(schedulers),
    Parent = self(),
    Pids = [spawn_link(fun() -> Parent ! {self(), work(Table, Worker, Workers)} end)
            || Worker <- lists:seq(1, Workers)],
    Sum = lists:sum([receive {Pid, Part} -> Part end || Pid <- Pids]),
    erlang:display({ets:info(Table, size), Sum}).

fill(_Table, 0) -> ok;
fill(Table, N) ->
    true = ets:insert(Table, {N, N * 3}),
    fill(Table, N - 1).

%% Worker `Worker` of `Workers` takes the keys `Worker`, `Worker +
%% Workers`, ... on every pass.
work(Table, Worker, Workers) ->
    passes(Table, Worker, Workers, ?PASSES, 0).

passes(_Table, _Worker, _Workers, 0, Acc) -> Acc;
passes(Table, Worker, Workers, Pass, Acc) ->
    passes(Table, Worker, Workers, Pass - 1, keys(Table, Worker, Workers, Acc)).

keys(_Table, Key, _Workers, Acc) when Key > ?KEYS -> Acc;
keys(Table, Key, Workers, Acc) ->
    [{Key, Value}] = ets:lookup(Table, Key),
    case Key band 7 of
        0 -> true = ets:insert(Table, {Key, Value});
        _ -> ok
    end,
    keys(Table, Key + Workers, Workers, Acc + Value).
