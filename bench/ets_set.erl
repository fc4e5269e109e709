%% ETS: inserting 1,000,000 keys into a `set` table, then looking each
%% one up.
-module(ets_set).
-export([main/1]).

-define(KEYS, 1000000).

main(_) ->
    Table = ets:new(bench, [set]),
    insert(Table, ?KEYS),
    erlang:display({ets:info(Table, size), lookup(Table, ?KEYS, 0)}).

insert(_Table, 0) -> ok;
insert(Table, N) ->
    true = ets:insert(Table, {N, N * 3}),
    insert(Table, N - 1).

lookup(_Table, 0, Acc) -> Acc;
lookup(Table, N, Acc) ->
    [{N, Value}] = ets:lookup(Table, N),
    lookup(Table, N - 1, Acc + Value).
