%% Bowling score kata plus a few other scoring katas (tennis, yahtzee-like categories).
-module(bowling).
-export([main/1]).

main(_) ->
    Games = [lists:duplicate(20, 0), lists:duplicate(20, 1), [5, 5, 3 | lists:duplicate(17, 0)],
             [10, 3, 4 | lists:duplicate(16, 0)], lists:duplicate(12, 10), lists:duplicate(21, 5),
             [10, 9, 1, 5, 5, 7, 2, 10, 10, 10, 9, 0, 8, 2, 9, 1, 10]],
    [io:format("~p~n", [score(G)]) || G <- Games],
    [io:format("~s~n", [tennis(A, B)]) || {A, B} <- [{0, 0}, {1, 0}, {2, 1}, {3, 3}, {4, 3}, {3, 4}, {5, 3}, {2, 4}, {4, 4}]],
    [io:format("~p ~p~n", [D, yahtzee(D)]) || D <- [[1, 1, 1, 1, 1], [2, 2, 3, 3, 3], [1, 2, 3, 4, 5], [6, 6, 6, 2, 1], [1, 3, 4, 5, 6]]],
    ok.

score(Rolls) -> score(Rolls, 1, 0).
score(_, 11, Acc) -> Acc;
score([10 | Rest = [A, B | _]], F, Acc) -> score(Rest, F + 1, Acc + 10 + A + B);
score([X, Y | Rest = [Z | _]], F, Acc) when X + Y =:= 10 -> score(Rest, F + 1, Acc + 10 + Z);
score([X, Y | Rest], F, Acc) -> score(Rest, F + 1, Acc + X + Y);
score(_, _, Acc) -> Acc.

tennis(A, B) when A >= 4, A - B >= 2 -> "Win P1";
tennis(A, B) when B >= 4, B - A >= 2 -> "Win P2";
tennis(A, B) when A >= 3, A =:= B -> "Deuce";
tennis(A, B) when A >= 3, B >= 3, A > B -> "Advantage P1";
tennis(A, B) when A >= 3, B >= 3 -> "Advantage P2";
tennis(A, A) -> name(A) ++ "-All";
tennis(A, B) -> name(A) ++ "-" ++ name(B).

name(0) -> "Love";
name(1) -> "Fifteen";
name(2) -> "Thirty";
name(3) -> "Forty".

yahtzee(Dice) ->
    Counts = lists:sort([length([X || X <- Dice, X =:= V]) || V <- lists:usort(Dice)]),
    S = lists:sort(Dice),
    if Counts =:= [5] -> {yahtzee, 50};
       Counts =:= [2, 3] -> {full_house, 25};
       S =:= [1, 2, 3, 4, 5]; S =:= [2, 3, 4, 5, 6] -> {large_straight, 40};
       hd(Counts) >= 3; length(Counts) >= 1 ->
            case lists:max(Counts) >= 3 of
                true -> {three_of_a_kind, lists:sum(Dice)};
                false -> {chance, lists:sum(Dice)}
            end
    end.
