%% Float arithmetic without math BIFs: Newton square roots, series for e and pi, rounding, comparisons.
-module(float_arith).
-export([main/1]).

main(_) ->
    p([sqrt_newton(X) || X <- [2.0, 9.0, 0.25, 1.0e10]]),
    p(e_series(20)),
    p(leibniz(100000)),
    p(exp_taylor(1.0, 30)),
    p(sin_taylor(0.5, 15)),
    p([round_to(3.14159, D) || D <- [0, 1, 2, 3]]),
    p([X * 0.1 || X <- lists:seq(1, 5)]),
    p(lists:foldl(fun(X, A) -> A + X end, 0.0, lists:duplicate(100, 0.01))),
    p(catch_float(fun() -> 1.0e300 * 1.0e10 end)),
    p(catch_float(fun() -> 0.0 / 0.0 end)),
    p(7 / 2),
    p(-7 / 2),
    p(trunc(-7 / 2)),
    p(1.5 * 2 =:= 3.0),
    p(1.5 * 2 == 3),
    p(float(1 bsl 62)),
    p(mean([1, 2, 3, 4, 5.5])),
    p(variance([2, 4, 4, 4, 5, 5, 7, 9])),
    p(compound(1000.0, 0.05, 10)),
    p(celsius([-40, 0, 37, 100])),
    ok.

p(X) -> io:format("~p~n", [X]).

sqrt_newton(X) -> sqrt_newton(X, X / 2 + 1, 60).
sqrt_newton(_, G, 0) -> G;
sqrt_newton(X, G, N) -> sqrt_newton(X, (G + X / G) / 2, N - 1).

e_series(N) -> lists:sum([1 / fact(K) || K <- lists:seq(0, N)]).
fact(0) -> 1;
fact(K) -> K * fact(K - 1).

leibniz(N) -> 4 * lists:sum([(if K rem 2 =:= 0 -> 1; true -> -1 end) / (2 * K + 1) || K <- lists:seq(0, N)]).

exp_taylor(X, N) -> lists:sum([pow(X, K) / fact(K) || K <- lists:seq(0, N)]).
sin_taylor(X, N) -> lists:sum([(if K rem 2 =:= 0 -> 1; true -> -1 end) * pow(X, 2 * K + 1) / fact(2 * K + 1) || K <- lists:seq(0, N)]).
pow(_, 0) -> 1.0;
pow(X, K) -> X * pow(X, K - 1).

round_to(X, D) -> M = pow(10.0, D), round(X * M) / M.

catch_float(F) -> try F() catch error:E -> {error, E} end.

mean(L) -> lists:sum(L) / length(L).
variance(L) -> M = mean(L), lists:sum([(X - M) * (X - M) || X <- L]) / length(L).
compound(P, R, Y) -> P * pow(1 + R, Y).
celsius(L) -> [{C, C * 9 / 5 + 32} || C <- L].
