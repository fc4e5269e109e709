%% Exceptions inside spawned processes are caught there and reported back as messages; funs travel in messages.
-module(procs_exceptions).
-export([main/1]).

main(_) ->
    Self = self(),
    Jobs = [fun() -> 1 + 1 end,
            fun() -> throw(thrown_in_proc) end,
            fun() -> error(badness) end,
            fun() -> exit(leaving) end,
            fun() -> 1 / zero() end,
            fun() -> {ok, _} = {error, x} end,
            fun() -> lists:nth(5, [1]) end],
    Pids = [spawn(fun() -> Self ! {self(), safe(J)} end) || J <- Jobs],
    [p(receive {P, R} -> R end) || P <- Pids],
    Exec = spawn(fun() -> executor() end),
    [Exec ! {run, Self, F} || F <- [fun() -> lists:seq(1, 5) end, fun() -> throw(x) end, fun() -> self() =:= Exec end]],
    [p(receive {result, R} -> R end) || _ <- [1, 2, 3]],
    Exec ! stop,
    Adder = fun(N) -> fun(X) -> X + N end end,
    Remote = spawn(fun() -> receive {apply, From, G, Arg} -> From ! {applied, G(Arg)} end end),
    Remote ! {apply, Self, Adder(100), 23},
    p(receive {applied, V} -> V end),
    ok.

p(X) -> io:format("~p~n", [X]).
zero() -> 0.

safe(F) ->
    try F() of V -> {ok, V}
    catch
        throw:T -> {thrown, T};
        error:{badmatch, _} = E -> {error, E};
        error:E -> {error, E};
        exit:E -> {exit, E}
    end.

executor() ->
    receive
        {run, From, F} -> From ! {result, safe(F)}, executor();
        stop -> ok
    end.
