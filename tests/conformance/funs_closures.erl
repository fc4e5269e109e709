%% Funs: closures capturing variables, recursion via Y-style, fun M:F/A, arity, apply, currying.
-module(funs_closures).
-export([main/1, triple/1]).

main(_) ->
    N = 10,
    Add = fun(X) -> X + N end,
    p(Add(5)),
    Counter = make_counter(0),
    {V1, C1} = Counter(),
    {V2, _} = C1(),
    p({V1, V2}),
    Adders = [fun(X) -> X + I end || I <- [1, 2, 3]],
    p([F(100) || F <- Adders]),
    Fact = fun Fact(0) -> 1; Fact(K) -> K * Fact(K - 1) end,
    p(Fact(20)),
    p(is_function(Add)),
    p(is_function(Add, 1)),
    p(is_function(Add, 2)),
    T = fun ?MODULE:triple/1,
    p(T(7)),
    p(lists:map(fun triple/1, [1, 2])),
    p(apply(fun(A, B) -> A - B end, [10, 3])),
    p(apply(?MODULE, triple, [4])),
    p(apply(lists, reverse, [[1, 2, 3]])),
    Curry = fun(A) -> fun(B) -> fun(C) -> A * 100 + B * 10 + C end end end,
    p(((Curry(1))(2))(3)),
    p(try Add(1, 2) catch error:{badarity, {_, Args}} -> {badarity, Args} end),
    p(try (id(not_a_fun))(1) catch error:E -> E end),
    Memo = lists:foldl(fun(I, Acc) -> [fun() -> I * I end | Acc] end, [], lists:seq(1, 5)),
    p([F() || F <- Memo]),
    p(fix(fun(Self) -> fun(0) -> 0; (K) -> K + Self(K - 1) end end, 100)),
    Ops = #{add => fun erlang:'+'/2, mul => fun erlang:'*'/2, sub => fun(A, B) -> A - B end},
    p([{Op, (maps:get(Op, Ops))(6, 3)} || Op <- [add, mul, sub]]),
    G = fun(X) when X > 0 -> pos; (0) -> zero; (_) -> neg end,
    p([G(X) || X <- [5, 0, -5]]),
    p(try G(a) catch error:function_clause -> fc; error:R -> R end),
    p(Add == Add),
    p(fun lists:sum/1 =:= fun lists:sum/1),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
triple(X) -> 3 * X.

make_counter(N) -> fun() -> {N, make_counter(N + 1)} end.

fix(F, X) -> (F(fun(Y) -> fix(F, Y) end))(X).
