%% Sorting algorithms implemented in Erlang, checked against lists:sort.
-module(sorting_algos).
-export([main/1]).

main(_) ->
    Data = pseudo_random(200, 12345),
    Expected = lists:sort(Data),
    Algos = [{quick, fun quick/1}, {merge, fun merge_sort/1}, {insertion, fun insertion/1},
             {selection, fun selection/1}, {bubble, fun bubble/1}, {heap, fun heap_sort/1},
             {tree, fun tree_sort/1}],
    [io:format("~p ~p~n", [Name, F(Data) =:= Expected]) || {Name, F} <- Algos],
    io:format("~p~n", [lists:sublist(Expected, 15)]),
    io:format("~p~n", [quick([3, 1, 2])]),
    io:format("~p~n", [merge_sort([])]),
    io:format("~p~n", [insertion([5, 5, 1])]),
    io:format("~p~n", [heap_sort([9, 8, 7, 1, 2, 3])]),
    io:format("~p~n", [quick(["pear", "apple", "fig"])]),
    ok.

pseudo_random(0, _) -> [];
pseudo_random(N, Seed) ->
    Next = (Seed * 1103515245 + 12345) rem 2147483648,
    [Next rem 1000 | pseudo_random(N - 1, Next)].

quick([]) -> [];
quick([P | T]) -> quick([X || X <- T, X < P]) ++ [P] ++ quick([X || X <- T, X >= P]).

merge_sort([]) -> [];
merge_sort([X]) -> [X];
merge_sort(L) ->
    {A, B} = lists:split(length(L) div 2, L),
    merge(merge_sort(A), merge_sort(B)).

merge([], B) -> B;
merge(A, []) -> A;
merge([X | A], [Y | _] = B) when X =< Y -> [X | merge(A, B)];
merge(A, [Y | B]) -> [Y | merge(A, B)].

insertion(L) -> lists:foldl(fun ins/2, [], L).
ins(X, []) -> [X];
ins(X, [H | T]) when X =< H -> [X, H | T];
ins(X, [H | T]) -> [H | ins(X, T)].

selection([]) -> [];
selection(L) -> M = lists:min(L), [M | selection(L -- [M])].

bubble(L) ->
    case pass(L) of
        {L2, true} -> bubble(L2);
        {L2, false} -> L2
    end.
pass([A, B | T]) when A > B -> {R, _} = pass([A | T]), {[B | R], true};
pass([A | T]) -> {R, S} = pass(T), {[A | R], S};
pass([]) -> {[], false}.

heap_sort(L) -> drain(lists:foldl(fun hins/2, empty, L)).
hins(X, H) -> hmerge({X, []}, H).
hmerge(empty, H) -> H;
hmerge(H, empty) -> H;
hmerge({X, Hs1} = H1, {Y, Hs2} = H2) ->
    if X =< Y -> {X, [H2 | Hs1]}; true -> {Y, [H1 | Hs2]} end.
drain(empty) -> [];
drain({X, Hs}) -> [X | drain(pairs(Hs))].
pairs([]) -> empty;
pairs([H]) -> H;
pairs([A, B | T]) -> hmerge(hmerge(A, B), pairs(T)).

tree_sort(L) -> walk(lists:foldl(fun tins/2, nil, L)).
tins(X, nil) -> {nil, X, nil};
tins(X, {Lt, V, Rt}) when X < V -> {tins(X, Lt), V, Rt};
tins(X, {Lt, V, Rt}) -> {Lt, V, tins(X, Rt)}.
walk(nil) -> [];
walk({L, V, R}) -> walk(L) ++ [V] ++ walk(R).
