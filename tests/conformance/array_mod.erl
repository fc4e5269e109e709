%% array: fixed and growable arrays, defaults, sparse functions.
-module(array_mod).
-export([main/1]).

main(_) ->
    A0 = array:new(),
    A1 = array:set(0, a, array:set(5, f, A0)),
    p(array:size(A1)),
    p(array:get(0, A1)),
    p(array:get(3, A1)),
    p(array:get(5, A1)),
    p(array:to_list(A1)),
    p(array:sparse_to_list(A1)),
    p(array:to_orddict(A1)),
    p(array:sparse_to_orddict(A1)),
    A2 = array:new(4, {default, 0}),
    p(array:to_list(A2)),
    p(array:is_fix(A2)),
    p(try array:set(10, x, A2) catch error:E -> E end),
    A3 = array:relax(A2),
    p(array:size(array:set(10, x, A3))),
    A4 = array:from_list([10, 20, 30, 40]),
    p(array:map(fun(I, V) -> I + V end, A4) =:= array:from_list([10, 21, 32, 43])),
    p(array:to_list(array:map(fun(I, V) -> I * V end, A4))),
    p(array:foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A4)),
    p(array:foldr(fun(_I, V, Acc) -> [V | Acc] end, [], A4)),
    p(array:sparse_foldl(fun(I, V, Acc) -> [{I, V} | Acc] end, [], A1)),
    p(array:to_list(array:reset(1, A4))),
    p(array:to_list(array:resize(2, A4))),
    p(array:default(A2)),
    p(array:is_array(A4)),
    p(array:is_array(foo)),
    p(array:to_list(array:from_orddict([{0, a}, {3, d}]))),
    Big = lists:foldl(fun(I, A) -> array:set(I, I * I, A) end, array:new(), lists:seq(0, 9999)),
    p(array:size(Big)),
    p(array:get(1234, Big)),
    p(array:foldl(fun(_, V, S) -> S + V end, 0, Big)),
    p(try array:get(-1, A4) catch error:E2 -> E2 end),
    ok.

p(X) -> io:format("~p~n", [X]).
