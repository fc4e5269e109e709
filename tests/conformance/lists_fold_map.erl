%% lists higher-order functions: foldl, foldr, map, filter, foreach, mapfoldl/r, all/any, flatmap, filtermap...
-module(lists_fold_map).
-export([main/1]).

main(_) ->
    L = lists:seq(1, 10),
    p(lists:foldl(fun(X, A) -> X + A end, 0, L)),
    p(lists:foldr(fun(X, A) -> [X | A] end, [], L)),
    p(lists:foldl(fun(X, A) -> [X | A] end, [], L)),
    p(lists:map(fun(X) -> X * X end, L)),
    p(lists:filter(fun(X) -> X rem 2 =:= 0 end, L)),
    p(lists:filtermap(fun(X) when X > 5 -> {true, X * 100}; (X) -> X =:= 1 end, L)),
    p(lists:flatmap(fun(X) -> lists:duplicate(X, X) end, [1, 2, 3])),
    p(lists:mapfoldl(fun(X, S) -> {X * 2, S + X} end, 0, L)),
    p(lists:mapfoldr(fun(X, S) -> {{X, S}, S + 1} end, 0, [a, b, c])),
    p(lists:all(fun is_integer/1, L)),
    p(lists:all(fun(X) -> X > 3 end, L)),
    p(lists:any(fun(X) -> X > 9 end, L)),
    p(lists:any(fun(X) -> X > 10 end, L)),
    p(lists:all(fun(_) -> false end, [])),
    p(lists:any(fun(_) -> true end, [])),
    lists:foreach(fun(X) -> io:format("item ~p~n", [X]) end, [a, b]),
    p(lists:partition(fun(X) -> X < 4 end, L)),
    p(lists:dropwhile(fun(X) -> X < 8 end, L)),
    p(lists:takewhile(fun(X) -> X < 4 end, L)),
    p(lists:zipwith(fun(X, Y) -> X * Y end, [1, 2, 3], [4, 5, 6])),
    p(lists:zipwith3(fun(X, Y, Z) -> X + Y + Z end, [1, 2], [3, 4], [5, 6])),
    p(lists:foldl(fun(X, {Min, Max}) -> {min(X, Min), max(X, Max)} end, {100, -100}, [5, -3, 17, 2])),
    p(lists:sort(fun(A, B) -> A >= B end, L)),
    p(lists:usort(fun(A, B) -> A div 3 =< B div 3 end, L)),
    p(lists:uniq(fun(X) -> X rem 3 end, L)),
    p(lists:search(fun(X) -> X > 4 end, L)),
    p(lists:search(fun(X) -> X > 40 end, L)),
    p(lists:foldl(fun(F, A) -> F(A) end, 3, [fun(X) -> X + 1 end, fun(X) -> X * 10 end])),
    Compose = fun(Fs) -> lists:foldr(fun(F, G) -> fun(X) -> F(G(X)) end end, fun(X) -> X end, Fs) end,
    p((Compose([fun(X) -> X + 1 end, fun(X) -> X * 2 end]))(5)),
    p(lists:map(fun({K, V}) -> {V, K} end, [{a, 1}, {b, 2}])),
    p(lists:keymap(fun(X) -> X * 2 end, 2, [{a, 1}, {b, 2}])),
    p(try lists:map(fun(X) -> 1 / X end, [1, 0]) catch error:E -> E end),
    ok.

p(X) -> io:format("~p~n", [X]).
