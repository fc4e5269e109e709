%% gb_trees and gb_sets.
-module(gb_trees_sets).
-export([main/1]).

main(_) ->
    T0 = gb_trees:empty(),
    T1 = lists:foldl(fun(K, T) -> gb_trees:insert(K, K * 10, T) end, T0, [5, 3, 8, 1, 4, 7, 9, 2, 6]),
    p(gb_trees:to_list(T1)),
    p(gb_trees:size(T1)),
    p(gb_trees:lookup(4, T1)),
    p(gb_trees:lookup(40, T1)),
    p(gb_trees:get(7, T1)),
    p(gb_trees:is_defined(3, T1)),
    p(gb_trees:smallest(T1)),
    p(gb_trees:largest(T1)),
    p(gb_trees:keys(T1)),
    p(gb_trees:values(T1)),
    T2 = gb_trees:update(5, fifty, T1),
    p(gb_trees:get(5, T2)),
    T3 = gb_trees:delete(5, T2),
    p(gb_trees:keys(T3)),
    p(gb_trees:keys(gb_trees:delete_any(99, T3))),
    p(gb_trees:enter(100, x, T0)),
    {K, V, T4} = gb_trees:take_smallest(T1),
    p({K, V, gb_trees:size(T4)}),
    {K2, V2, _} = gb_trees:take_largest(T1),
    p({K2, V2}),
    p(gb_trees:to_list(gb_trees:map(fun(_, X) -> X + 1 end, T1))),
    p(iter(gb_trees:iterator(T1))),
    p(iter(gb_trees:iterator_from(6, T1))),
    p(gb_trees:to_list(gb_trees:from_orddict([{a, 1}, {b, 2}]))),
    p(gb_trees:to_list(gb_trees:balance(T3))),
    p(try gb_trees:insert(5, dup, T1) catch error:E -> E end),
    Big = lists:foldl(fun(I, T) -> gb_trees:enter(I rem 997, I, T) end, T0, lists:seq(1, 5000)),
    p(gb_trees:size(Big)),
    p(gb_trees:get(500, Big)),
    S1 = gb_sets:from_list([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5]),
    S2 = gb_sets:from_list([2, 7, 1, 8, 2, 8]),
    p(gb_sets:to_list(S1)),
    p(gb_sets:size(S1)),
    p(gb_sets:is_member(4, S1)),
    p(gb_sets:is_element(7, S1)),
    p(gb_sets:to_list(gb_sets:add(0, S1))),
    p(gb_sets:to_list(gb_sets:delete(9, S1))),
    p(gb_sets:to_list(gb_sets:filter(fun(X) -> X > 3 end, S1))),
    p(gb_sets:fold(fun(X, A) -> X + A end, 0, S1)),
    p(gb_sets:smallest(S1)),
    p(gb_sets:largest(S1)),
    p(gb_sets:to_list(gb_sets:singleton(x))),
    p(gb_sets:is_empty(gb_sets:new())),
    ok.

p(X) -> io:format("~p~n", [X]).

iter(I) ->
    case gb_trees:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | iter(I2)]
    end.
