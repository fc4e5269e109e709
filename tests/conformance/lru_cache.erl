%% An LRU cache as a process holding a map and a gb_trees recency index; hit/miss statistics.
-module(lru_cache).
-export([main/1]).

main(_) ->
    C = start(3),
    Ops = [{put, a, 1}, {put, b, 2}, {put, c, 3}, {get, a}, {put, d, 4}, {get, b}, {get, c},
           {get, a}, {put, e, 5}, {get, d}, {get, e}, {put, a, 10}, {get, a}, keys],
    [io:format("~p -> ~p~n", [Op, call(C, Op)]) || Op <- Ops],
    [call(C, {put, K, K * K}) || K <- lists:seq(1, 50)],
    [call(C, {get, K}) || K <- lists:seq(40, 55)],
    io:format("~p~n", [call(C, keys)]),
    call(C, stop),
    ok.

start(Cap) -> spawn(fun() -> loop(Cap, #{}, gb_trees:empty(), 0, {0, 0}) end).

call(P, Msg) ->
    P ! {self(), Msg},
    receive {P, R} -> R after 1000 -> timeout end.

loop(Cap, Map, Rec, T, {H, M} = St) ->
    receive
        {From, {get, K}} ->
            case Map of
                #{K := {V, Old}} ->
                    From ! {self(), {ok, V}},
                    loop(Cap, Map#{K := {V, T}}, gb_trees:insert(T, K, gb_trees:delete(Old, Rec)), T + 1, {H + 1, M});
                _ ->
                    From ! {self(), miss},
                    loop(Cap, Map, Rec, T, {H, M + 1})
            end;
        {From, {put, K, V}} ->
            {Map1, Rec1} = case Map of
                               #{K := {_, Old}} -> {remove(K, Map), gb_trees:delete(Old, Rec)};
                               _ -> {Map, Rec}
                           end,
            {Map2, Rec2} = evict(Cap, Map1, Rec1),
            From ! {self(), ok},
            loop(Cap, Map2#{K => {V, T}}, gb_trees:insert(T, K, Rec2), T + 1, St);
        {From, keys} ->
            From ! {self(), gb_trees:values(Rec)},
            loop(Cap, Map, Rec, T, St);
        {From, stats} ->
            From ! {self(), #{hits => H, misses => M, size => map_size(Map)}},
            loop(Cap, Map, Rec, T, St);
        {From, stop} ->
            From ! {self(), stopped}
    end.

evict(Cap, Map, Rec) when map_size(Map) < Cap -> {Map, Rec};
evict(_Cap, Map, Rec) ->
    {_, K, Rec2} = gb_trees:take_smallest(Rec),
    {remove(K, Map), Rec2}.

remove(K, Map) -> maps:from_list([KV || {K2, _} = KV <- lists:sort(maps:to_list(Map)), K2 =/= K]).
