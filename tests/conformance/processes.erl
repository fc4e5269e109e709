%% Processes on one scheduler: spawn/1,3, messages between processes,
%% receive with timeouts, and many short-lived processes.
-module(processes).
-export([main/1, echo/0]).
main(_) ->
    Self = self(),
    P = spawn(fun() -> receive {ping, From, N} -> From ! {pong, N + 1} end end),
    P ! {ping, Self, 41},
    erlang:display(receive {pong, M} -> M after 1000 -> timeout end),
    E = spawn(?MODULE, echo, []),
    [E ! {self(), I} || I <- [1, 2, 3]],
    erlang:display([receive {echoed, I} -> I end || I <- [1, 2, 3]]),
    Pids = [spawn(fun() -> Self ! {done, K * K} end) || K <- lists:seq(1, 50)],
    erlang:display(length(Pids)),
    erlang:display(lists:sum([receive {done, V} -> V end || _ <- Pids])),
    erlang:display(receive nothing -> yes after 20 -> no end).
echo() ->
    receive {From, X} -> From ! {echoed, X}, echo() after 500 -> bye end.
