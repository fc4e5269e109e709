%% Integer-heavy loops: Collatz chain lengths, digit sums, happy numbers, amicable pairs, Armstrong numbers.
-module(collatz_stats).
-export([main/1]).

main(_) ->
    {N, Len} = longest_collatz(30000),
    io:format("longest collatz below 30000: ~p (~p steps)~n", [N, Len]),
    io:format("~p~n", [[N2 || N2 <- lists:seq(1, 100), happy(N2)]]),
    io:format("~p~n", [amicable(3000)]),
    io:format("~p~n", [[N3 || N3 <- lists:seq(1, 100000), armstrong(N3)]]),
    io:format("~p~n", [lists:sum([digit_sum(X) || X <- lists:seq(1, 10000)])]),
    io:format("~p~n", [[X || X <- lists:seq(1, 200), X rem 7 =:= 0, X rem 11 =:= 3]]),
    ok.

longest_collatz(Max) -> longest(1, Max, {1, 1}).
longest(I, Max, Best) when I >= Max -> Best;
longest(I, Max, {_, BL} = Best) ->
    L = clen(I, 1),
    longest(I + 1, Max, if L > BL -> {I, L}; true -> Best end).

clen(1, Acc) -> Acc;
clen(N, Acc) when N band 1 =:= 0 -> clen(N bsr 1, Acc + 1);
clen(N, Acc) -> clen(3 * N + 1, Acc + 1).

happy(N) -> happy(N, []).
happy(1, _) -> true;
happy(N, Seen) ->
    case lists:member(N, Seen) of
        true -> false;
        false -> happy(lists:sum([D * D || D <- digits(N)]), [N | Seen])
    end.

digits(0) -> [];
digits(N) -> [N rem 10 | digits(N div 10)].
digit_sum(N) -> lists:sum(digits(N)).

divsum(N) -> lists:sum([D || D <- lists:seq(1, N div 2), N rem D =:= 0]).

amicable(Max) ->
    [{A, B} || A <- lists:seq(2, Max), B <- [divsum(A)], B > A, B =< Max, divsum(B) =:= A].

armstrong(N) ->
    Ds = digits(N),
    K = length(Ds),
    lists:sum([pow(D, K) || D <- Ds]) =:= N.

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).
