%% Timers and time: send_after, start_timer, cancel_timer, read_timer,
%% receive ... after, timer:sleep, monotonic and system time (only their
%% relations are printed: the values differ from run to run).
-module(timers).
-export([main/1]).

main(_) ->
    T0 = erlang:monotonic_time(millisecond),
    erlang:send_after(30, self(), late),
    erlang:send_after(10, self(), early),
    Ref = erlang:start_timer(20, self(), middle),
    [First, {timeout, R, Middle}, Last] = collect(3),
    io:format("~p~n", [{First, R =:= Ref, Middle, Last}]),
    Elapsed = erlang:monotonic_time(millisecond) - T0,
    io:format("waited at least 30 ms: ~p~n", [Elapsed >= 30]),
    Cancelled = erlang:send_after(1000, self(), never),
    Left = erlang:cancel_timer(Cancelled),
    io:format("cancelled with time left: ~p~n", [is_integer(Left) andalso Left > 900]),
    io:format("cancel again: ~p~n", [erlang:cancel_timer(Cancelled)]),
    Read = erlang:send_after(500, self(), read),
    io:format("read: ~p~n", [is_integer(erlang:read_timer(Read))]),
    erlang:cancel_timer(Read),
    io:format("read after cancel: ~p~n", [erlang:read_timer(Read)]),
    register(named, self()),
    erlang:send_after(5, named, by_name),
    receive by_name -> io:format("by name~n") end,
    timer:sleep(15),
    receive Any -> io:format("unexpected ~p~n", [Any]) after 20 -> io:format("quiet~n") end,
    S = erlang:system_time(second),
    io:format("system time sane: ~p~n", [S > 1600000000]),
    {Mega, Sec, Micro} = os:timestamp(),
    io:format("timestamp sane: ~p~n", [Mega > 1500 andalso Sec < 1000000 andalso Micro < 1000000]),
    io:format("~p~n", [erlang:convert_time_unit(3, second, millisecond)]),
    io:format("~p~n", [erlang:convert_time_unit(1500, millisecond, second)]),
    io:format("~p~n", [try erlang:send_after(-1, self(), x) catch C1:E1 -> {C1, E1} end]),
    io:format("~p~n", [try erlang:monotonic_time(fortnight) catch C2:E2 -> {C2, E2} end]),
    Pid = spawn(fun() -> receive {timeout, _, M} -> io:format("child got ~p~n", [M]) end end),
    erlang:start_timer(5, Pid, hello),
    timer:sleep(30),
    io:format("done~n").

collect(0) -> [];
collect(N) ->
    receive M -> [M | collect(N - 1)] end.
