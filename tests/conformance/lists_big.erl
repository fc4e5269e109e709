%% Larger list workloads: sorting 20,000 pseudo-random integers, usort, keysort stability, merges, sums.
-module(lists_big).
-export([main/1]).

main(_) ->
    L = rand_list(20000, 42),
    S = lists:sort(L),
    p(length(S)),
    p(lists:sublist(S, 10)),
    p(lists:nthtail(19990, S)),
    p(length(lists:usort(L))),
    p(lists:sum(L)),
    p(lists:max(L)),
    p(lists:min(L)),
    R = lists:reverse(S),
    p(lists:sublist(R, 5)),
    KV = [{X rem 100, I} || {I, X} <- lists:zip(lists:seq(1, 20000), L)],
    KS = lists:keysort(1, KV),
    p(lists:sublist(KS, 5)),
    p(stable(KS)),
    {A, B} = lists:split(10000, S),
    p(lists:merge(A, B) =:= S),
    p(lists:sort(fun(X, Y) -> X >= Y end, L) =:= R),
    p(length(lists:flatten([[X, [X]] || X <- lists:seq(1, 5000)]))),
    p(lists:foldl(fun(X, Acc) -> (Acc * 31 + X) rem 1000000007 end, 0, S)),
    ok.

p(X) -> io:format("~p~n", [X]).

rand_list(0, _) -> [];
rand_list(N, Seed) ->
    Next = (Seed * 1103515245 + 12345) band 16#7FFFFFFF,
    [Next rem 100000 | rand_list(N - 1, Next)].

stable([{K, I1}, {K, I2} = E | T]) when I1 < I2 -> stable([E | T]);
stable([{K, _}, {K, _} | _]) -> false;
stable([_ | T]) -> stable(T);
stable([]) -> true.
