%% Process priorities: process_flag/2, spawn_opt's {priority, P} and
%% process_info/2 agree on them; bad priorities are badarg; a low process
%% is not starved by busy normal ones, and high ones get their work done.
-module(process_priority).
-export([main/1]).

main(_) ->
    io:format("~p~n", [process_info(self(), priority)]),
    io:format("~p~n", [process_flag(priority, high)]),
    io:format("~p~n", [process_flag(priority, max)]),
    io:format("~p~n", [process_info(self(), priority)]),
    io:format("~p~n", [process_flag(priority, low)]),
    io:format("~p~n", [process_flag(priority, normal)]),
    io:format("~p~n", [caught(fun() -> process_flag(priority, urgent) end)]),
    io:format("~p~n", [caught(fun() -> process_flag(priority, 3) end)]),
    io:format("~p~n", [process_info(self(), priority)]),
    Self = self(),
    Waiter = fun() -> receive stop -> ok end end,
    Spawned = [{P, spawn_opt(Waiter, [{priority, P}])} || P <- [low, normal, high, max]],
    io:format("~p~n", [[{P, process_info(Pid, priority)} || {P, Pid} <- Spawned]]),
    [Pid ! stop || {_, Pid} <- Spawned],
    io:format("~p~n", [caught(fun() -> spawn_opt(Waiter, [{priority, urgent}]) end)]),
    {Linked, Ref} = spawn_opt(fun() -> exit(done) end, [monitor, {priority, high}]),
    receive {'DOWN', Ref, process, Linked, Why} -> io:format("~p~n", [Why]) end,
    %% Busy normal processes, and low and high ones with work to do.
    Busy = [spawn(fun() -> spin(Self, 2000000) end) || _ <- lists:seq(1, 4)],
    spawn_opt(fun() -> Self ! {low, count(300000, 0)} end, [{priority, low}]),
    spawn_opt(fun() -> Self ! {high, count(300000, 0)} end, [{priority, high}]),
    Results = lists:sort([receive {Tag, N} -> {Tag, N} end || _ <- lists:seq(1, 6)]),
    io:format("~p~n", [Results]),
    io:format("~p~n", [length(Busy)]).

caught(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

spin(Parent, 0) -> Parent ! {spun, done};
spin(Parent, N) -> spin(Parent, N - 1).

count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).
