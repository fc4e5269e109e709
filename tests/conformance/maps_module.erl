%% The maps module: get/find/put/update/remove/fold/map/filter/with/without/merge/iterator...
-module(maps_module).
-export([main/1]).

main(_) ->
    M = #{a => 1, b => 2, c => 3, "str" => x, {t, 1} => tuple, 42 => int},
    p(M),
    p(maps:get(a, M)),
    p(maps:get(zz, M, default)),
    p(maps:is_key(c, M)),
    p(maps:keys(M)),
    p(maps:values(M)),
    p(lists:sort(maps:to_list(M))),
    p(maps:from_list([{x, 1}, {y, 2}, {x, 3}])),
    p(maps:size(M)),
    p(maps:fold(fun(K, V, Acc) when is_atom(K) -> V + Acc; (_, _, Acc) -> Acc end, 0, M)),
    p(maps:map(fun(_K, V) when is_integer(V) -> V * 10; (_K, V) -> V end, M)),
    p(maps:filter(fun(K, _V) -> is_atom(K) end, M)),
    p(maps:filtermap(fun(a, V) -> {true, V + 100}; (b, _) -> true; (_, _) -> false end, M)),
    p(maps:with([a, c, nope], M)),
    p(maps:update_with(a, fun(V) -> V * 2 end, #{a => 5})),
    p(maps:update_with(z, fun(V) -> V * 2 end, 99, #{a => 5})),
    p(maps:new()),
    p(maps:intersect(#{a => 1, b => 2}, #{b => 3, c => 4})),
    p(maps:intersect_with(fun(_K, A, B) -> {A, B} end, #{a => 1, b => 2}, #{b => 3, c => 4})),
    p(maps:groups_from_list(fun(X) -> X rem 3 end, lists:seq(1, 10))),
    p(maps:groups_from_list(fun(X) -> X rem 2 end, fun(X) -> X * X end, lists:seq(1, 6))),
    p(iter(maps:iterator(#{1 => a, 2 => b, 3 => c}))),
    p(maps:foreach(fun(K, V) -> io:format("~p=~p~n", [K, V]) end, #{x => 1, y => 2})),
    p(try maps:get(missing, #{}) catch error:E -> E end),
    p(try maps:get(a, not_a_map) catch error:E3 -> E3 end),
    Big = maps:from_list([{I, I * I} || I <- lists:seq(1, 100)]),
    p(maps:size(Big)),
    p(maps:get(77, Big)),
    p(lists:sum(maps:values(Big))),
    ok.

p(X) -> io:format("~p~n", [X]).

iter(I) ->
    case maps:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | iter(I2)]
    end.
