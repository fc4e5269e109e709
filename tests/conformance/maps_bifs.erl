%% The maps BIFs (put, update, remove, merge, find, get, is_key, take,
%% from_keys) and maps of more than 32 keys through OTP's maps module (the
%% is_map guard must accept hash maps).
-module(maps_bifs).
-export([main/1]).
main(_) ->
    M = #{a => 1, b => 2},
    Big = maps:from_list([{I, I * I} || I <- lists:seq(1, 50)]),
    Ins = lists:foldl(fun(I, A) -> A#{I => I} end, #{}, lists:seq(1, 40)),
    R = [maps:put(c, 3, M), maps:update(a, 9, M), maps:remove(a, M), maps:merge(M, #{c => 3, a => 0}),
         maps:find(a, M), maps:find(z, M), maps:get(b, M), maps:is_key(b, M), maps:take(a, M), maps:take(z, M),
         maps:from_keys([x, y], 0), maps:without([a, nope], M), maps:with([a], M),
         maps:size(maps:remove(7, Big)), maps:get(50, Big), lists:sort(maps:to_list(maps:filter(fun(K, _) -> K > 45 end, Big))),
         maps:size(Ins), lists:sum(maps:keys(Ins)), maps:fold(fun(K, V, A) -> K + V + A end, 0, Ins),
         lists:sort(maps:to_list(maps:map(fun(_, V) -> V + 1 end, maps:with([1, 2, 3], Big))))],
    io:format("~p~n", [R]),
    [io:format("~p~n", [try F() catch C:E -> {C, E} end]) || F <- [
        fun() -> maps:update(z, 1, M) end, fun() -> maps:get(z, M) end, fun() -> maps:put(a, 1, notamap) end,
        fun() -> maps:merge(M, x) end, fun() -> maps:remove(a, [x]) end]].
