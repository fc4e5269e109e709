%% Pattern matching: tuples, lists, nested, aliases, repeated variables, literals.
-module(pattern_match).
-export([main/1]).

main(Args) ->
    io:format("~p~n", [Args]),
    {A, B} = {1, 2},
    io:format("~p ~p~n", [A, B]),
    [H | T] = [a, b, c],
    io:format("~p ~p~n", [H, T]),
    {X, X} = {same, same},
    io:format("~p~n", [X]),
    P = {point, _, Y} = {point, 3, 4},
    io:format("~p ~p~n", [P, Y]),
    [_, Second | _] = lists:seq(10, 20),
    io:format("~p~n", [Second]),
    "abc" ++ Rest = "abcdef",
    io:format("~p~n", [Rest]),
    <<"ab", Tail/binary>> = <<"abcd">>,
    io:format("~p~n", [Tail]),
    #{k := V} = #{k => v, other => 1},
    io:format("~p~n", [V]),
    lists:foreach(fun(T0) -> io:format("~p -> ~p~n", [T0, classify(T0)]) end,
                  [{}, {1}, {1, 2}, {1, 1}, [], [x], [x, y], [x, y, z], 0, 1, -1,
                   3.0, atom, "str", <<>>, <<1>>, #{}, #{a => 1}, {deep, {nested, [1, {2}]}}]),
    io:format("~p~n", [swap_all([{1, a}, {2, b}, {3, c}])]),
    io:format("~p ~p~n", [match_same({3, 3}), match_same({3, 3.0})]),
    io:format("~p~n", [catch_match(fun() -> {ok, Z} = id({error, nope}), Z end)]),
    io:format("~p~n", [catch_match(fun() -> [_, _] = id([1, 2, 3]) end)]),
    io:format("~p~n", [catch_match(fun() -> <<_:3>> = id(<<1>>) end)]),
    io:format("~p~n", [first_last([1, 2, 3, 4, 5])]),
    io:format("~p~n", [zipped([1, 2, 3], [a, b, c])]),
    io:format("~p~n", [deep({a, [{b, {c, [d, e, {f, g}]}}]})]),
    ok.

classify({}) -> empty_tuple;
classify({_}) -> one_tuple;
classify({S, S}) -> pair_same;
classify({_, _}) -> pair;
classify([]) -> nil;
classify([_]) -> one_list;
classify([_, _]) -> two_list;
classify([_ | _]) -> long_list;
classify(0) -> zero;
classify(N) when is_integer(N), N > 0 -> pos;
classify(N) when is_integer(N) -> neg;
classify(F) when is_float(F) -> float;
classify(<<>>) -> empty_bin;
classify(B) when is_binary(B) -> bin;
classify(M) when map_size(M) =:= 0 -> empty_map;
classify(#{a := _}) -> map_with_a;
classify({deep, {nested, [_, {Two}]}}) -> {deep, Two};
classify(A) when is_atom(A) -> atom.

swap_all(L) -> [{V, K} || {K, V} <- L].

match_same({A, A}) -> true;
match_same(_) -> false.

catch_match(F) ->
    try F() of V -> {value, V} catch C:R -> {C, R} end.

first_last([F | _] = L) -> {F, lists:last(L)}.

zipped([A | As], [B | Bs]) -> [{A, B} | zipped(As, Bs)];
zipped([], []) -> [].

deep({a, [{b, {c, [_, _, {F, G}]}}]}) -> {F, G}.

id(X) -> X.
