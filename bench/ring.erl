%% A ring of 1,000 processes passing one message round 2,000 times:
%% message sends, blocking receives and switches between processes.
-module(ring).
-export([main/1]).

-define(PROCESSES, 1000).
-define(LAPS, 2000).

main(_) ->
    First = self(),
    Next = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end,
                       First, lists:seq(1, ?PROCESSES - 1)),
    Next ! {token, 0},
    erlang:display(laps(Next, ?LAPS, 0)).

%% The first process counts the laps and starts the next one.
laps(Next, 0, Hops) ->
    Next ! stop,
    Hops;
laps(Next, Lap, Hops) ->
    receive
        {token, N} ->
            case Lap of
                1 -> laps(Next, 0, Hops + N + 1);
                _ -> Next ! {token, 0}, laps(Next, Lap - 1, Hops + N + 1)
            end
    end.

relay(Next) ->
    receive
        {token, N} -> Next ! {token, N + 1}, relay(Next);
        stop -> Next ! stop
    end.
