%% OTP's own modules compiled like user code: lists, orddict, ordsets,
%% proplists, queue, gb_trees, gb_sets, sets, dict, maps.
-module(otp_modules).
-export([main/1]).

-record(person, {name, age = 0}).

main(_) ->
    L = lists:seq(1, 20),
    erlang:display(lists:sort(fun(A, B) -> A > B end, L)),
    erlang:display(lists:foldl(fun(X, Acc) -> X + Acc end, 0, L)),
    erlang:display(lists:filter(fun(X) -> X rem 3 =:= 0 end, L)),
    erlang:display(lists:zip(lists:sublist(L, 3), [a, b, c])),
    erlang:display(lists:keysort(2, [{x, 3}, {y, 1}, {z, 2}])),
    erlang:display(lists:usort([3, 1, 2, 3, 1])),
    erlang:display(lists:flatten([1, [2, [3, [4]]], 5])),
    erlang:display(lists:nth(5, L)),
    erlang:display(lists:partition(fun(X) -> X > 10 end, L)),
    erlang:display(orddict:to_list(orddict:store(b, 2, orddict:from_list([{a, 1}, {c, 3}])))),
    erlang:display(ordsets:union([1, 3, 5], [2, 3, 4])),
    erlang:display(proplists:get_value(k, [{j, 1}, {k, 2}])),
    Q = queue:in(3, queue:in(2, queue:in(1, queue:new()))),
    erlang:display(queue:to_list(Q)),
    T = lists:foldl(fun(K, Acc) -> gb_trees:insert(K, K * K, Acc) end, gb_trees:empty(), [5, 3, 8, 1]),
    erlang:display(gb_trees:to_list(T)),
    erlang:display(gb_sets:to_list(gb_sets:from_list([c, a, b]))),
    erlang:display(lists:sort(sets:to_list(sets:from_list([1, 2, 2, 3])))),
    D = dict:store(k, v, dict:new()),
    erlang:display(dict:find(k, D)),
    erlang:display(maps:to_list(maps:from_list([{b, 2}, {a, 1}]))),
    erlang:display(maps:fold(fun(K, V, Acc) -> [{K, V} | Acc] end, [], #{x => 1, y => 2})),
    P = #person{name = "Ann"},
    erlang:display(P#person{age = P#person.age + 30}),
    erlang:display([{N, A} || #person{name = N, age = A} <- [P, #person{name = "Bo", age = 7}], A > 3]).
