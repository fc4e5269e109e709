%% Small maps (at most 32 keys): key order in printing, keys/values/to_list, iterators, mixed key types.
-module(maps_order).
-export([main/1]).

main(_) ->
    M = #{z => 1, a => 2, 3 => three, 1.5 => float, -7 => neg, b => [l], c => {t}},
    p(M),
    p(maps:keys(M)),
    p(maps:values(M)),
    p(maps:fold(fun(K, _, A) -> [K | A] end, [], M)),
    M32 = maps:from_list([{I, I * I} || I <- lists:seq(1, 32)]),
    p(maps:size(M32)),
    p(maps:keys(M32)),
    p(maps:fold(fun(K, V, A) -> K + V + A end, 0, M32)),
    p(maps:to_list(maps:filter(fun(K, _) -> K > 28 end, M32))),
    p(maps:map(fun(_, V) -> V rem 10 end, maps:with([1, 2, 3, 4], M32))),
    p(#{1 => a, 1.0 => b}),
    p(maps:get(1.0, #{1 => a, 1.0 => b})),
    p(maps:keys(#{b => 1, a => 2, c => 3})),
    p(maps:from_list([{K, V} || {K, V} <- lists:zip([c, b, a], [1, 2, 3])])),
    p(lists:usort(maps:keys(#{x => 1, y => 2}) ++ [x])),
    p(maps:iterator(#{}) =/= x),
    p(maps:next(maps:iterator(#{}))),
    ok.

p(X) -> io:format("~p~n", [X]).

iter(I) ->
    case maps:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | iter(I2)]
    end.
