%% A sudoku solver: constraint propagation of candidates plus depth-first search.
-module(sudoku).
-export([main/1]).

main(_) ->
    Puzzle = "530070000600195000098000060800060003400803001700020006060000280000419005000080079",
    Grid = parse(Puzzle),
    show(Grid),
    case solve(Grid) of
        {ok, S} -> io:format("solved~n"), show(S), io:format("~p~n", [valid(S)]);
        fail -> io:format("no solution~n")
    end,
    ok.

parse(S) -> list_to_tuple([C - $0 || C <- S]).

show(G) ->
    [io:format("~s~n", [[$0 + element(R * 9 + C + 1, G) || C <- lists:seq(0, 8)]]) || R <- lists:seq(0, 8)].

solve(G) ->
    case [I || I <- lists:seq(1, 81), element(I, G) =:= 0] of
        [] -> {ok, G};
        Empty ->
            Options = [{length(C), I, C} || I <- Empty, C <- [cands(G, I)]],
            case lists:min(Options) of
                {0, _, _} -> fail;
                {_, I, Cs} -> try_each(G, I, Cs)
            end
    end.

try_each(_, _, []) -> fail;
try_each(G, I, [V | Vs]) ->
    case solve(put_cell(G, I, V)) of
        {ok, S} -> {ok, S};
        fail -> try_each(G, I, Vs)
    end.

put_cell(G, I, V) ->
    L = tuple_to_list(G),
    {A, [_ | B]} = lists:split(I - 1, L),
    list_to_tuple(A ++ [V | B]).

cands(G, I) ->
    R = (I - 1) div 9, C = (I - 1) rem 9,
    Used = [element(J, G) || J <- peers(R, C)],
    [V || V <- lists:seq(1, 9), not lists:member(V, Used)].

peers(R, C) ->
    BR = R div 3 * 3, BC = C div 3 * 3,
    lists:usort([R * 9 + X + 1 || X <- lists:seq(0, 8)] ++
                [Y * 9 + C + 1 || Y <- lists:seq(0, 8)] ++
                [(BR + Y) * 9 + BC + X + 1 || Y <- lists:seq(0, 2), X <- lists:seq(0, 2)]).

valid(G) ->
    Units = [[R * 9 + C + 1 || C <- lists:seq(0, 8)] || R <- lists:seq(0, 8)] ++
            [[R * 9 + C + 1 || R <- lists:seq(0, 8)] || C <- lists:seq(0, 8)] ++
            [[(BR + Y) * 9 + BC + X + 1 || Y <- lists:seq(0, 2), X <- lists:seq(0, 2)]
             || BR <- [0, 3, 6], BC <- [0, 3, 6]],
    lists:all(fun(U) -> lists:sort([element(I, G) || I <- U]) =:= lists:seq(1, 9) end, Units).
