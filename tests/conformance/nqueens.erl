%% N-queens, permutations-based backtracking, sudoku-like constraint search on small boards.
-module(nqueens).
-export([main/1]).

main(_) ->
    [io:format("~p queens: ~p solutions~n", [N, length(queens(N))]) || N <- lists:seq(1, 8)],
    io:format("~p~n", [hd(queens(8))]),
    [io:format("~s~n", [row(C, 6)]) || C <- hd(queens(6))],
    io:format("~p~n", [knapsack([{60, 10}, {100, 20}, {120, 30}], 50)]),
    io:format("~p~n", [subset_sum([3, 34, 4, 12, 5, 2], 9)]),
    io:format("~p~n", [length(change(100, [50, 25, 10, 5, 1]))]),
    ok.

queens(N) -> place(N, N, []).

place(0, _, Qs) -> [lists:reverse(Qs)];
place(K, N, Qs) ->
    [S || C <- lists:seq(1, N), safe(C, Qs, 1), S <- place(K - 1, N, [C | Qs])].

safe(_, [], _) -> true;
safe(C, [Q | Qs], D) -> C =/= Q andalso abs(C - Q) =/= D andalso safe(C, Qs, D + 1).

row(C, N) -> [if I =:= C -> $Q; true -> $. end || I <- lists:seq(1, N)].

knapsack(Items, Cap) ->
    lists:max([{V, S} || S <- subsets(Items), {V, W} <- [total(S)], W =< Cap]).

subsets([]) -> [[]];
subsets([H | T]) -> S = subsets(T), [[H | X] || X <- S] ++ S.

total(S) -> {lists:sum([V || {V, _} <- S]), lists:sum([W || {_, W} <- S])}.

subset_sum(L, Target) -> [S || S <- subsets(L), lists:sum(S) =:= Target].

change(0, _) -> [[]];
change(_, []) -> [];
change(A, [C | Cs] = All) when A >= C -> [[C | W] || W <- change(A - C, All)] ++ change(A, Cs);
change(A, [_ | Cs]) -> change(A, Cs).
