%% Higher-order programming: pipelines, composition, partial application, folds over funs, lazy streams.
-module(hof_pipeline).
-export([main/1]).

main(_) ->
    Pipeline = [fun(L) -> lists:filter(fun(X) -> X rem 3 =/= 0 end, L) end,
                fun(L) -> lists:map(fun(X) -> X * X end, L) end,
                fun(L) -> lists:takewhile(fun(X) -> X < 500 end, L) end,
                fun lists:sum/1],
    p(pipe(lists:seq(1, 50), Pipeline)),
    Inc = partial(fun erlang:'+'/2, 1),
    Dbl = partial(fun erlang:'*'/2, 2),
    p([(compose(Inc, Dbl))(X) || X <- [1, 2, 3]]),
    p([(compose(Dbl, Inc))(X) || X <- [1, 2, 3]]),
    p((nth_apply(Dbl, 10))(1)),
    Nat = iterate(fun(X) -> X + 1 end, 1),
    p(take(10, Nat)),
    p(take(10, smap(fun(X) -> X * X end, Nat))),
    p(take(10, sfilter(fun(X) -> X rem 7 =:= 0 end, Nat))),
    p(take(15, fibs())),
    p(take(10, primes())),
    p(lists:foldr(fun(F, Acc) -> F(Acc) end, 2, [Inc, Dbl, Dbl])),
    Memo = memo_fib(90),
    p(Memo),
    Counter = lists:foldl(fun(W, M) -> maps:update_with(W, fun(C) -> C + 1 end, 1, M) end, #{}, [a, b, a, c, a, b]),
    p(lists:sort(maps:to_list(Counter))),
    p(group_by(fun(X) -> X rem 3 end, lists:seq(1, 10))),
    p(zip_with_index([a, b, c])),
    p((flip(fun(A, B) -> A - B end))(10, 3)),
    ok.

p(X) -> io:format("~p~n", [X]).

pipe(V, Fs) -> lists:foldl(fun(F, Acc) -> F(Acc) end, V, Fs).
partial(F, A) -> fun(B) -> F(A, B) end.
compose(F, G) -> fun(X) -> F(G(X)) end.
nth_apply(F, N) -> lists:foldl(fun(_, Acc) -> compose(F, Acc) end, fun(X) -> X end, lists:seq(1, N)).
flip(F) -> fun(A, B) -> F(B, A) end.

iterate(F, X) -> fun() -> {X, iterate(F, F(X))} end.
take(0, _) -> [];
take(N, S) -> {X, Next} = S(), [X | take(N - 1, Next)].
smap(F, S) -> fun() -> {X, Next} = S(), {F(X), smap(F, Next)} end.
sfilter(P, S) ->
    fun() ->
            {X, Next} = S(),
            case P(X) of true -> {X, sfilter(P, Next)}; false -> (sfilter(P, Next))() end
    end.
fibs() -> fibs(0, 1).
fibs(A, B) -> fun() -> {A, fibs(B, A + B)} end.
primes() -> sieve(iterate(fun(X) -> X + 1 end, 2)).
sieve(S) ->
    fun() ->
            {P, Next} = S(),
            {P, sieve(sfilter(fun(X) -> X rem P =/= 0 end, Next))}
    end.

memo_fib(N) ->
    {V, _} = mf(N, #{0 => 0, 1 => 1}),
    V.
mf(N, M) ->
    case M of
        #{N := V} -> {V, M};
        _ ->
            {A, M1} = mf(N - 1, M),
            {B, M2} = mf(N - 2, M1),
            {A + B, M2#{N => A + B}}
    end.

group_by(F, L) ->
    lists:foldr(fun(X, Acc) -> orddict:append_list(F(X), [X], Acc) end, [], L).

zip_with_index(L) -> lists:zip(lists:seq(0, length(L) - 1), L).
