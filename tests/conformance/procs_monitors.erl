%% Monitors (processes end normally: earts reports exit/1 of a spawned process on stderr): demonitor, monitoring dead processes, is_process_alive.
-module(procs_monitors).
-export([main/1]).

main(_) ->
    {P1, R1} = mon(fun() -> ok end),
    p(down(P1, R1)),
    P5 = spawn(fun() -> receive go -> ok end end),
    R5 = monitor(process, P5),
    p(is_process_alive(P5)),
    P5 ! go,
    p(down(P5, R5)),
    p(is_process_alive(P5)),
    P6 = spawn(fun() -> receive stop -> ok end end),
    R6 = erlang:monitor(process, P6),
    p(erlang:demonitor(R6)),
    P6 ! stop,
    p(receive {'DOWN', R6, _, _, _} -> got_down after 50 -> no_down end),
    Dead = spawn(fun() -> ok end),
    wait_dead(Dead),
    R7 = monitor(process, Dead),
    p(receive {'DOWN', R7, process, Dead, Why} -> Why after 500 -> timeout end),
    Ms = [mon(fun() -> {worker, I} end) || I <- lists:seq(1, 10)],
    p([down(P, R) || {P, R} <- Ms]),
    Self = self(),
    Watcher = spawn(fun() ->
                            {W, WR} = mon(fun() -> inner end),
                            Self ! {watched, down(W, WR)}
                    end),
    p(receive {watched, X} -> X after 1000 -> timeout end),
    _ = Watcher,
    ok.

p(X) -> io:format("~p~n", [X]).

mon(F) ->
    Pid = spawn(fun() -> receive start -> F() end end),
    Ref = monitor(process, Pid),
    Pid ! start,
    {Pid, Ref}.

down(Pid, Ref) ->
    receive {'DOWN', Ref, process, Pid, Reason} -> Reason after 1000 -> timeout end.

wait_dead(P) ->
    case is_process_alive(P) of
        true -> R = monitor(process, P), receive {'DOWN', R, process, P, _} -> ok end;
        false -> ok
    end.

