%% Conway's game of life on a small torus, with sets of live cells as ordsets.
-module(game_of_life).
-export([main/1]).

-define(W, 10).
-define(H, 8).

main(_) ->
    Glider = ordsets:from_list([{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}]),
    Blinker = ordsets:from_list([{5, 5}, {6, 5}, {7, 5}]),
    Start = ordsets:union(Glider, Blinker),
    run(Start, 0, 5),
    Final = iterate(Start, 40),
    io:format("after 40: ~p cells~n~p~n", [length(Final), Final]),
    ok.

run(Cells, Gen, Max) when Gen > Max -> Cells;
run(Cells, Gen, Max) ->
    io:format("gen ~p~n", [Gen]),
    [io:format("~s~n", [[cell(X, Y, Cells) || X <- lists:seq(0, ?W - 1)]]) || Y <- lists:seq(0, ?H - 1)],
    run(step(Cells), Gen + 1, Max).

cell(X, Y, Cells) ->
    case ordsets:is_element({X, Y}, Cells) of true -> $#; false -> $. end.

iterate(Cells, 0) -> Cells;
iterate(Cells, N) -> iterate(step(Cells), N - 1).

step(Cells) ->
    Candidates = ordsets:from_list([N || C <- Cells, N <- [C | neighbours(C)]]),
    ordsets:from_list([C || C <- Candidates, alive(C, Cells)]).

alive(C, Cells) ->
    N = length([X || X <- neighbours(C), ordsets:is_element(X, Cells)]),
    case ordsets:is_element(C, Cells) of
        true -> N =:= 2 orelse N =:= 3;
        false -> N =:= 3
    end.

neighbours({X, Y}) ->
    [{(X + DX + ?W) rem ?W, (Y + DY + ?H) rem ?H} || DX <- [-1, 0, 1], DY <- [-1, 0, 1], {DX, DY} =/= {0, 0}].
