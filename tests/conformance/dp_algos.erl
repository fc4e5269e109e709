%% Dynamic programming: Levenshtein distance, LCS, knapsack with arrays, coin change counting, LIS.
-module(dp_algos).
-export([main/1]).

main(_) ->
    Pairs = [{"kitten", "sitting"}, {"flaw", "lawn"}, {"", "abc"}, {"same", "same"}, {"earts", "beam"}],
    [io:format("lev ~s ~s = ~p~n", [A, B, lev(A, B)]) || {A, B} <- Pairs],
    [io:format("lcs ~s ~s = ~p~n", [A, B, lcs(A, B)]) || {A, B} <- [{"ABCBDAB", "BDCABA"}, {"AGGTAB", "GXTXAYB"}]],
    io:format("~p~n", [knap([{60, 10}, {100, 20}, {120, 30}, {30, 5}], 50)]),
    io:format("~p~n", [coins(100, [1, 5, 10, 25, 50])]),
    io:format("~p~n", [coins(1000, [1, 2, 5, 10, 20, 50, 100, 200])]),
    io:format("~p~n", [lis([10, 9, 2, 5, 3, 7, 101, 18, 4, 19, 20])]),
    io:format("~p~n", [grid_paths(10, 10)]),
    io:format("~p~n", [max_subarray([-2, 1, -3, 4, -1, 2, 1, -5, 4])]),
    ok.

lev(A, B) ->
    Row0 = lists:seq(0, length(B)),
    Last = lists:foldl(fun({I, CA}, Prev) -> lev_row(CA, B, Prev, [I], I) end, Row0,
                       lists:zip(lists:seq(1, length(A)), A)),
    lists:last(Last).

lev_row(_, [], _, Acc, _) -> lists:reverse(Acc);
lev_row(CA, [CB | Bs], [Diag, Up | Prev], [Left | _] = Acc, I) ->
    Cost = if CA =:= CB -> 0; true -> 1 end,
    V = lists:min([Left + 1, Up + 1, Diag + Cost]),
    lev_row(CA, Bs, [Up | Prev], [V | Acc], I).

lcs(A, B) ->
    TA = list_to_tuple(A), TB = list_to_tuple(B),
    {Len, Memo} = lcs(1, 1, TA, TB, gb_trees:empty()),
    {Len, back(1, 1, TA, TB, Memo)}.

lcs(I, J, TA, TB, M) when I > tuple_size(TA); J > tuple_size(TB) -> {0, M};
lcs(I, J, TA, TB, M) ->
    case gb_trees:lookup({I, J}, M) of
        {value, V} -> {V, M};
        none ->
            {V, M2} = case element(I, TA) =:= element(J, TB) of
                          true -> {X, Mx} = lcs(I + 1, J + 1, TA, TB, M), {X + 1, Mx};
                          false ->
                              {X, Mx} = lcs(I + 1, J, TA, TB, M),
                              {Y, My} = lcs(I, J + 1, TA, TB, Mx),
                              {max(X, Y), My}
                      end,
            {V, gb_trees:insert({I, J}, V, M2)}
    end.

back(I, J, TA, TB, _) when I > tuple_size(TA); J > tuple_size(TB) -> [];
back(I, J, TA, TB, M) ->
    case element(I, TA) =:= element(J, TB) of
        true -> [element(I, TA) | back(I + 1, J + 1, TA, TB, M)];
        false ->
            case get({I + 1, J}, M) >= get({I, J + 1}, M) of
                true -> back(I + 1, J, TA, TB, M);
                false -> back(I, J + 1, TA, TB, M)
            end
    end.

knap(Items, Cap) ->
    A0 = array:new(Cap + 1, {default, 0}),
    A = lists:foldl(fun({V, W}, Arr) ->
                            lists:foldl(fun(C, Acc) ->
                                                Best = max(array:get(C, Acc), array:get(C - W, Acc) + V),
                                                array:set(C, Best, Acc)
                                        end, Arr, lists:seq(Cap, W, -1))
                    end, A0, Items),
    array:get(Cap, A).

coins(Amount, Coins) ->
    A0 = array:set(0, 1, array:new(Amount + 1, {default, 0})),
    A = lists:foldl(fun(C, Arr) ->
                            lists:foldl(fun(X, Acc) -> array:set(X, array:get(X, Acc) + array:get(X - C, Acc), Acc) end,
                                        Arr, lists:seq(C, Amount))
                    end, A0, Coins),
    array:get(Amount, A).

lis(L) ->
    Tails = lists:foldl(fun(X, T) -> place(X, T) end, [], L),
    length(Tails).
place(X, []) -> [X];
place(X, [H | T]) when X =< H -> [X | T];
place(X, [H | T]) -> [H | place(X, T)].

grid_paths(W, H) ->
    Row = lists:duplicate(W, 1),
    lists:last(lists:foldl(fun(_, Prev) -> tl(lists:reverse(lists:foldl(fun(P, [L | _] = Acc) -> [L + P | Acc] end, [0], Prev))) end,
                           Row, lists:seq(2, H))).

max_subarray([H | T]) ->
    {_, Best} = lists:foldl(fun(X, {Cur, B}) -> C = max(X, Cur + X), {C, max(B, C)} end, {H, H}, T),
    Best.

get(K, M) -> case gb_trees:lookup(K, M) of {value, V} -> V; none -> 0 end.
