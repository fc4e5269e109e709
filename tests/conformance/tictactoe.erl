%% Tic-tac-toe with full minimax search; prints the game the engine plays against itself.
-module(tictactoe).
-export([main/1]).

main(_) ->
    Board = ([x, e, e, e, o, e, e, e, e]),
    play(Board, x),
    p(minimax(([x, o, x, e, o, e, e, e, e]), x)),
    p(best_move(([x, x, e, o, o, e, e, e, e]), x)),
    p(best_move(([x, x, e, o, o, e, e, e, e]), o)),
    ok.

p(X) -> io:format("~p~n", [X]).

play(B, P) ->
    show(B),
    case winner(B) of
        none ->
            case moves(B) of
                [] -> io:format("draw~n");
                _ -> {_, M} = best_move(B, P), play(set(M, B, P), other(P))
            end;
        W -> io:format("~p wins~n", [W])
    end.

show(B) ->
    [io:format("~s~n", [[sym(at(R * 3 + C, B)) || C <- [1, 2, 3]]]) || R <- [0, 1, 2]],
    io:format("---~n").

sym(e) -> $.;
sym(x) -> $X;
sym(o) -> $O.

other(x) -> o;
other(o) -> x.

moves(B) -> [I || I <- lists:seq(1, 9), at(I, B) =:= e].

lines() -> [[1, 2, 3], [4, 5, 6], [7, 8, 9], [1, 4, 7], [2, 5, 8], [3, 6, 9], [1, 5, 9], [3, 5, 7]].

winner(B) ->
    case [at(A, B) || [A, Bb, C] <- lines(), at(A, B) =/= e,
                           at(A, B) =:= at(Bb, B), at(A, B) =:= at(C, B)] of
        [W | _] -> W;
        [] -> none
    end.

minimax(B, P) ->
    case winner(B) of
        x -> 1;
        o -> -1;
        none ->
            case moves(B) of
                [] -> 0;
                Ms ->
                    Scores = [minimax(set(M, B, P), other(P)) || M <- Ms],
                    case P of x -> lists:max(Scores); o -> lists:min(Scores) end
            end
    end.

best_move(B, P) ->
    Scored = [{minimax(set(M, B, P), other(P)), M} || M <- moves(B)],
    case P of
        x -> lists:max([{S, -M} || {S, M} <- Scored]) =:= x orelse pick_max(Scored);
        o -> pick_min(Scored)
    end.

pick_max(Scored) -> {S, NegM} = lists:max([{S, -M} || {S, M} <- Scored]), {S, -NegM}.
pick_min(Scored) -> {S, M} = lists:min(Scored), {S, M}.

%% (the board is a list: a tuple version crashes earts' collector, see the report.)
set(I, B, P) ->
    {L, [_ | R]} = lists:split(I - 1, B),
    L ++ [P | R].

at(I, B) -> lists:nth(I, B).
