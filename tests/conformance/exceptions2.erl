%% Exceptions: try/catch/after, classes, nested try, rethrow, catch expressions, standard error reasons.
-module(exceptions2).
-export([main/1]).

main(_) ->
    p(run(fun() -> throw(ball) end)),
    p(run(fun() -> exit(gone) end)),
    p(run(fun() -> error(broken) end)),
    p(run(fun() -> error({custom, [1, 2]}) end)),
    p(run(fun() -> {ok, _} = id(nope) end)),
    p(run(fun() -> case id(x) of y -> y end end)),
    p(run(fun() -> if_clause(id(0)) end)),
    p(run(fun() -> fc(id(bad)) end)),
    p(run(fun() -> 1 + id(a) end)),
    p(run(fun() -> atom_to_list(id(123)) end)),
    p(run(fun() -> element(5, id({1})) end)),
    p(run(fun() -> hd(id([])) end)),
    p(run(fun() -> tl(id([])) end)),
    p(run(fun() -> length(id(improper)) end)),
    p(run(fun() -> list_to_atom(id(notalist)) end)),
    p(run(fun() -> (id(3))(x) end)),
    p(run(fun() -> apply(id(nomod), nofun, []) end)),
    p(run(fun() -> apply(lists, id(no_such_function), [1]) end)),
    p(run(fun() -> maps:get(k, id(#{})) end)),
    p(run(fun() -> (id(#{}))#{k := 1} end)),
    p(run(fun() -> binary_to_list(id(<<1:3>>)) end)),
    p(run(fun() -> list_to_integer(id("x")) end)),
    p(run(fun() -> erlang:raise(throw, raised, []) end)),
    p(run(fun() -> tuple_size(id([])) end)),
    p(after_order()),
    p(nested()),
    p(rethrow()),
    p(catch throw(caught)),
    p(catch exit(ex)),
    p(element(1, catch error(err))),
    p(catch 42),
    p(try id(5) of 5 -> five; _ -> other catch _:_ -> error end),
    p(try throw(x) of _ -> no catch throw:x -> yes end),
    p(try error(x) catch throw:_ -> thrown; error:x -> errored end),
    p(try exit(x) catch error:_ -> e; _:_ -> any end),
    p(try try throw(inner) after io:format("inner after~n") end catch throw:T -> {outer_caught, T} end),
    p(try throw(x) catch Class:Reason:Stack -> {Class, Reason, is_list(Stack)} end),
    p(deep_throw(100)),
    p(try error(badarg, [some, args]) catch error:badarg -> with_args end),
    p(try erlang:error(test) catch error:test:St -> is_list(St) end),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.

run(F) ->
    try F() of V -> {value, V}
    catch
        throw:R -> {throw, R};
        exit:R -> {exit, R};
        error:{badfun, _} = R -> {error, R};
        error:R -> {error, R}
    end.

if_clause(X) -> if X > 0 -> pos end.
fc(good) -> ok.

after_order() ->
    Self = self(),
    try
        try Self ! step1, throw(t)
        after Self ! step2
        end
    catch throw:t -> Self ! step3
    after Self ! step4
    end,
    collect([]).

collect(Acc) -> receive X -> collect([X | Acc]) after 0 -> lists:reverse(Acc) end.

nested() ->
    try
        try error(first)
        catch error:first -> throw(second)
        end
    catch throw:second -> {recovered, second}
    end.

rethrow() ->
    try
        try throw(orig) catch throw:X -> erlang:raise(error, {wrapped, X}, []) end
    catch error:E -> E
    end.

deep_throw(0) -> throw(bottom);
deep_throw(N) -> try deep_throw(N - 1) after ok end.
