%% Timers from every scheduler: 2,000 processes, each starting 100 timers
%% with erlang:start_timer/3 and cancelling every other one, then taking
%% the messages of the rest; plus a `receive after` timeout each round.
%% Exercises starting, cancelling and firing timers concurrently.
-module(timers).
-export([main/1]).

-define(PROCESSES, 2000).
-define(TIMERS, 100).

main(_) ->
    Parent = self(),
    Pids = [spawn_link(fun() -> Parent ! {self(), work()} end)
            || _ <- lists:seq(1, ?PROCESSES)],
    Sum = lists:sum([receive {Pid, Part} -> Part end || Pid <- Pids]),
    erlang:display(Sum).

work() ->
    Refs = [erlang:start_timer(1 + N rem 5, self(), N) || N <- lists:seq(1, ?TIMERS)],
    Kept = cancel_every_other(Refs, 0, []),
    Fired = [receive {timeout, Ref, N} -> N end || Ref <- Kept],
    receive never -> 0 after 1 -> lists:sum(Fired) end.

cancel_every_other([], _, Kept) -> lists:reverse(Kept);
cancel_every_other([Ref | Refs], I, Kept) when I rem 2 =:= 0 ->
    _ = erlang:cancel_timer(Ref),
    cancel_every_other(Refs, I + 1, Kept);
cancel_every_other([Ref | Refs], I, Kept) ->
    cancel_every_other(Refs, I + 1, [Ref | Kept]).
