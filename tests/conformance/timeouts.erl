%% receive ... after: zero timeouts, ordering of timeouts and messages, timer-like loops.
-module(timeouts).
-export([main/1]).

main(_) ->
    p(receive x -> x after 0 -> immediate end),
    Self = self(),
    spawn(fun() -> Self ! late end),
    p(receive late -> got_late after 1000 -> timeout end),
    p(receive nothing -> x after 30 -> waited end),
    spawn(fun() -> receive after 50 -> Self ! delayed end end),
    p(receive delayed -> too_early after 5 -> not_yet end),
    p(receive delayed -> arrived after 2000 -> timeout end),
    p(ticks(5, 10, [])),
    P = spawn(fun() -> wait_loop(0) end),
    [P ! tick || _ <- lists:seq(1, 7)],
    P ! {report, Self},
    p(receive {count, N} -> N after 1000 -> timeout end),
    p(receive after 1 -> slept end),
    Deadline = spawn(fun() -> receive go -> Self ! {go_received} after 20 -> Self ! {gave_up} end end),
    _ = Deadline,
    p(receive M -> M after 1000 -> timeout end),
    p(receive _ -> unexpected after infinity_replacement() -> done end),
    ok.

p(X) -> io:format("~p~n", [X]).

ticks(0, _, Acc) -> lists:reverse(Acc);
ticks(N, Ms, Acc) -> receive after Ms -> ticks(N - 1, Ms, [N | Acc]) end.

wait_loop(N) ->
    receive
        tick -> wait_loop(N + 1);
        {report, From} -> From ! {count, N}
    after 1000 -> timeout
    end.

infinity_replacement() -> 15.
