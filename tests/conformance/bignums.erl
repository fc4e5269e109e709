%% Bignum arithmetic: factorials, powers, division, gcd, bit operations, mixed with floats.
-module(bignums).
-export([main/1]).

main(_) ->
    F50 = fact(50),
    p(F50),
    p(fact(100) div fact(98)),
    p(pow(2, 200)),
    p(pow(3, 150) rem 1000000007),
    p(pow(7, 77) - pow(7, 76)),
    p(-pow(10, 40) div 7),
    p(-pow(10, 40) rem 7),
    p(pow(10, 40) div -7),
    p(gcd(fact(30), pow(2, 40) * 3)),
    p(fib(300)),
    p(length(integer_to_list(fact(500)))),
    p(lists:sum(digits(fact(200)))),
    p(pow(2, 100) band (pow(2, 64) - 1)),
    p(pow(2, 100) bor 1),
    p(pow(2, 100) bxor pow(2, 99)),
    p(bnot pow(2, 70)),
    p(pow(2, 100) bsr 90),
    p(1 bsl 200 bsr 199),
    p(-pow(2, 100) bsr 3),
    p(pow(2, 64) * pow(2, 64) =:= pow(2, 128)),
    p(pow(2, 64) > 1.0e19),
    p(pow(2, 64) < 1.0e20),
    p(pow(2, 64) + 0.5),
    p(float(pow(2, 80))),
    p(pow(2, 80) / pow(2, 78)),
    p(trunc(1.0e30)),
    p(round(1.5e20)),
    p(abs(-pow(10, 30))),
    p(pow(10, 30) == pow(10, 30)),
    p(max(pow(10, 30), pow(10, 29))),
    p(lists:sort([pow(2, 70), -pow(2, 70), 0, pow(2, 69), 1.0e21])),
    p(isqrt(pow(10, 50))),
    p(modpow(4, 13, 497)),
    p(modpow(2, pow(10, 20), 1000000007)),
    p(try pow(10, 20) div 0 catch error:E -> E end),
    p(integer_to_list(pow(16, 30) - 1, 16)),
    p(list_to_integer(lists:duplicate(60, $9)) + 1),
    ok.

p(X) -> io:format("~p~n", [X]).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0) -> 1;
pow(B, E) when E rem 2 =:= 0 -> H = pow(B, E div 2), H * H;
pow(B, E) -> B * pow(B, E - 1).

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

digits(N) -> [D - $0 || D <- integer_to_list(N)].

isqrt(N) -> isqrt(N, N).
isqrt(N, X) ->
    Y = (X + N div X) div 2,
    if Y >= X -> X; true -> isqrt(N, Y) end.

modpow(_, 0, _) -> 1;
modpow(B, E, M) when E rem 2 =:= 0 -> H = modpow(B, E div 2, M), (H * H) rem M;
modpow(B, E, M) -> (B * modpow(B, E - 1, M)) rem M.
