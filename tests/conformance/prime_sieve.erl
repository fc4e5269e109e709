%% Prime sieves and number theory: Eratosthenes with lists and arrays, factorization, totient.
-module(prime_sieve).
-export([main/1]).

main(_) ->
    Primes = sieve(lists:seq(2, 500)),
    p(length(Primes)),
    p(lists:sublist(Primes, 20)),
    p(lists:last(Primes)),
    p(array_sieve(10000)),
    p([factor(N) || N <- [2, 12, 97, 360, 1001, 65536, 999999]]),
    p([totient(N) || N <- lists:seq(1, 20)]),
    p([N || N <- lists:seq(1, 10000), perfect(N)]),
    p(goldbach(100, Primes)),
    p(twin_primes(Primes)),
    ok.

p(X) -> io:format("~p~n", [X]).

sieve([]) -> [];
sieve([P | T]) -> [P | sieve([X || X <- T, X rem P =/= 0])].

array_sieve(N) ->
    A0 = array:new(N + 1, {default, true}),
    A = mark(2, N, A0),
    length([I || I <- lists:seq(2, N), array:get(I, A)]).

mark(I, N, A) when I * I > N -> A;
mark(I, N, A) ->
    case array:get(I, A) of
        true -> mark(I + 1, N, cross(I * I, I, N, A));
        false -> mark(I + 1, N, A)
    end.

cross(J, _, N, A) when J > N -> A;
cross(J, I, N, A) -> cross(J + I, I, N, array:set(J, false, A)).

factor(N) -> factor(N, 2, []).
factor(1, _, Acc) -> lists:reverse(Acc);
factor(N, D, Acc) when D * D > N -> lists:reverse([N | Acc]);
factor(N, D, Acc) when N rem D =:= 0 -> factor(N div D, D, [D | Acc]);
factor(N, D, Acc) -> factor(N, D + 1, Acc).

totient(1) -> 1;
totient(N) ->
    Ps = lists:usort(factor(N)),
    lists:foldl(fun(P, Acc) -> Acc div P * (P - 1) end, N, Ps).

perfect(N) when N < 2 -> false;
perfect(N) -> lists:sum([D || D <- lists:seq(1, N div 2), N rem D =:= 0]) =:= N.

goldbach(N, Primes) ->
    [{A, N - A} || A <- Primes, A =< N - A, lists:member(N - A, Primes)].

twin_primes([A, B | T]) when B - A =:= 2 -> [{A, B} | twin_primes([B | T])];
twin_primes([_ | T]) -> twin_primes(T);
twin_primes([]) -> [].
