%% Recursion patterns: tail and body recursion, accumulators, mutual recursion, deep recursion.
-module(recursion).
-export([main/1]).

main(_) ->
    p(len([a, b, c])),
    p(len_tail([a, b, c], 0)),
    p(sum_body(lists:seq(1, 1000))),
    p(count_down(1000000)),
    p(length(build(20000))),
    p(deep_body(100000)),
    p(is_even(100001)),
    p(is_odd(7777)),
    p(ackermann(2, 3)),
    p(hanoi(10)),
    p(flatten_deep([1, [2, [3, [4, [5, [6]]]]], 7])),
    p(tree_sum(make_tree(12))),
    p(tree_depth(make_tree(12))),
    p(collatz(27)),
    p(power_set([a, b, c])),
    p(combinations(2, [1, 2, 3, 4])),
    p(binary_search(list_to_tuple(lists:seq(0, 1000, 5)), 735)),
    p(binary_search(list_to_tuple(lists:seq(0, 1000, 5)), 736)),
    p(map_rec(fun(X) -> X * 3 end, [1, 2, 3])),
    p(reverse_acc(lists:seq(1, 10), [])),
    p(foldl_rec(fun(X, A) -> A * X end, 1, lists:seq(1, 25))),
    p(digits_rev(1234567890)),
    ok.

p(X) -> io:format("~p~n", [X]).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

len_tail([], N) -> N;
len_tail([_ | T], N) -> len_tail(T, N + 1).

sum_body([]) -> 0;
sum_body([H | T]) -> H + sum_body(T).

count_down(0) -> done;
count_down(N) -> count_down(N - 1).

build(0) -> [];
build(N) -> [N | build(N - 1)].

deep_body(0) -> 0;
deep_body(N) -> 1 + deep_body(N - 1).

is_even(0) -> true;
is_even(N) -> is_odd(N - 1).
is_odd(0) -> false;
is_odd(N) -> is_even(N - 1).

ackermann(0, N) -> N + 1;
ackermann(M, 0) -> ackermann(M - 1, 1);
ackermann(M, N) -> ackermann(M - 1, ackermann(M, N - 1)).

hanoi(0) -> 0;
hanoi(N) -> 2 * hanoi(N - 1) + 1.

flatten_deep([]) -> [];
flatten_deep([H | T]) when is_list(H) -> flatten_deep(H) ++ flatten_deep(T);
flatten_deep([H | T]) -> [H | flatten_deep(T)].

make_tree(0) -> leaf;
make_tree(N) -> {node, N, make_tree(N - 1), make_tree(N - 1)}.

tree_sum(leaf) -> 0;
tree_sum({node, V, L, R}) -> V + tree_sum(L) + tree_sum(R).

tree_depth(leaf) -> 0;
tree_depth({node, _, L, R}) -> 1 + max(tree_depth(L), tree_depth(R)).

collatz(1) -> [1];
collatz(N) when N rem 2 =:= 0 -> [N | collatz(N div 2)];
collatz(N) -> [N | collatz(3 * N + 1)].

power_set([]) -> [[]];
power_set([H | T]) -> P = power_set(T), [[H | S] || S <- P] ++ P.

combinations(0, _) -> [[]];
combinations(_, []) -> [];
combinations(K, [H | T]) -> [[H | C] || C <- combinations(K - 1, T)] ++ combinations(K, T).

binary_search(T, X) -> bs(T, X, 1, tuple_size(T)).
bs(_, _, Lo, Hi) when Lo > Hi -> not_found;
bs(T, X, Lo, Hi) ->
    Mid = (Lo + Hi) div 2,
    case element(Mid, T) of
        X -> {found, Mid};
        V when V < X -> bs(T, X, Mid + 1, Hi);
        _ -> bs(T, X, Lo, Mid - 1)
    end.

map_rec(_, []) -> [];
map_rec(F, [H | T]) -> [F(H) | map_rec(F, T)].

reverse_acc([], Acc) -> Acc;
reverse_acc([H | T], Acc) -> reverse_acc(T, [H | Acc]).

foldl_rec(_, Acc, []) -> Acc;
foldl_rec(F, Acc, [H | T]) -> foldl_rec(F, F(H, Acc), T).

digits_rev(0) -> [];
digits_rev(N) -> [N rem 10 | digits_rev(N div 10)].
