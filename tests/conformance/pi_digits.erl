%% Bignum-heavy programs: pi digits by a spigot algorithm, e digits, big factorial digit sums, Catalan numbers.
-module(pi_digits).
-export([main/1]).

main(_) ->
    io:format("~s~n", [pi(200)]),
    io:format("~s~n", [e_digits(100)]),
    io:format("~p~n", [[catalan(N) || N <- lists:seq(0, 20)]]),
    io:format("~p~n", [catalan(100)]),
    io:format("~p~n", [binomial(100, 50)]),
    io:format("~p~n", [lists:sum([D - $0 || D <- integer_to_list(pow(2, 1000))])]),
    io:format("~p~n", [sqrt2(60)]),
    ok.

pi(N) ->
    Scale = pow(10, N + 10),
    Pi = 4 * (4 * arctan_inv(5, Scale) - arctan_inv(239, Scale)),
    S = integer_to_list(Pi div pow(10, 10)),
    [hd(S), $. | tl(S)].

arctan_inv(X, Scale) -> arctan_inv(X, Scale, Scale div X, 1, 0, 1).
arctan_inv(_, _, 0, _, Sum, _) -> Sum;
arctan_inv(X, Scale, Term, N, Sum, Sign) ->
    arctan_inv(X, Scale, Term div (X * X), N + 2, Sum + Sign * (Term div N), -Sign).

e_digits(N) ->
    Scale = pow(10, N + 5),
    E = e_sum(Scale, 1, 0, 0),
    S = integer_to_list(E div pow(10, 5)),
    [hd(S), $. | tl(S)].
e_sum(Term, _, Sum, _) when Term =:= 0 -> Sum;
e_sum(Term, K, Sum, _) -> e_sum(Term div K, K + 1, Sum + Term, x).

catalan(N) -> binomial(2 * N, N) div (N + 1).

binomial(N, K) -> lists:foldl(fun(I, Acc) -> Acc * (N - I + 1) div I end, 1, lists:seq(1, K)).

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).

sqrt2(Digits) ->
    N = 2 * pow(10, 2 * Digits),
    isqrt(N, N).
isqrt(N, X) ->
    Y = (X + N div X) div 2,
    if Y >= X -> X; true -> isqrt(N, Y) end.
