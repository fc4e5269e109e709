%% OTP's timer module (a gen_server in OTP 25), sys on a gen_server, and
%% proc_lib's spawn functions and start/init_ack handshake.
-module(timer_sys_proc_lib).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2, ping/2, worker/1]).

main(_) ->
    timers(),
    sys_calls(),
    proc_lib_calls(),
    io:format("done~n").

timers() ->
    Self = self(),
    {ok, _} = timer:send_after(30, Self, late),
    {ok, _} = timer:send_after(10, early),
    io:format("~p~n", [[receive M -> M end || _ <- [1, 2]]]),
    {ok, _} = timer:apply_after(10, ?MODULE, ping, [Self, applied]),
    io:format("~p~n", [receive {ping, What} -> What end]),
    {ok, Interval} = timer:send_interval(10, tick),
    io:format("~p~n", [[receive tick -> tick end || _ <- [1, 2, 3]]]),
    io:format("~p~n", [timer:cancel(Interval)]),
    flush(tick),
    timer:sleep(40),
    io:format("~p~n", [receive tick -> more_ticks after 0 -> no_more_ticks end]),
    {ok, Never} = timer:send_after(1000, never),
    io:format("~p~n", [timer:cancel(Never)]),
    io:format("~p~n", [receive never -> got_it after 20 -> cancelled end]),
    {Micros, Value} = timer:tc(fun() -> timer:sleep(15), slept end),
    io:format("~p~n", [{Micros >= 15000, Value}]),
    {Micros2, Sent} = timer:tc(?MODULE, ping, [Self, timed]),
    io:format("~p~n", [{is_integer(Micros2), Sent, receive {ping, timed} -> received end}]),
    io:format("~p~n", [{timer:seconds(2), timer:minutes(1), timer:hours(1), timer:hms(1, 2, 3)}]),
    io:format("~p~n", [catch timer:send_after(-1, x)]),
    {ok, Kill} = timer:kill_after(10, spawn(fun() -> receive after infinity -> ok end end)),
    io:format("~p~n", [is_tuple(Kill)]),
    io:format("~p~n", [timer:sleep(1)]).

flush(Message) ->
    receive Message -> flush(Message) after 0 -> ok end.

ping(Pid, What) -> Pid ! {ping, What}.

sys_calls() ->
    {ok, Server} = gen_server:start_link(?MODULE, #{count => 1}, []),
    io:format("~p~n", [sys:get_state(Server)]),
    io:format("~p~n", [sys:replace_state(Server, fun(S) -> S#{count := 42} end)]),
    io:format("~p~n", [gen_server:call(Server, get)]),
    ok = sys:suspend(Server),
    gen_server:cast(Server, bump),
    io:format("~p~n", [sys:get_state(Server)]),
    ok = sys:resume(Server),
    io:format("~p~n", [gen_server:call(Server, get)]),
    {status, _Pid, {module, gen_server}, _} = sys:get_status(Server),
    io:format("status ok~n"),
    io:format("~p~n", [sys:terminate(Server, normal)]),
    io:format("~p~n", [is_process_alive(Server)]).

init(State) -> {ok, State}.

handle_call(get, _From, State) -> {reply, State, State}.

handle_cast(bump, #{count := N} = State) -> {noreply, State#{count := N + 1}}.

proc_lib_calls() ->
    process_flag(trap_exit, true),
    Self = self(),
    Linked = proc_lib:spawn_link(fun() -> Self ! {initial, proc_lib:initial_call(self()), proc_lib:translate_initial_call(self())} end),
    receive {initial, Initial, Translated} -> io:format("~p~n~p~n", [Initial, Translated]) end,
    receive {'EXIT', Linked, Why} -> io:format("~p~n", [Why]) end,
    {ok, Started} = proc_lib:start_link(?MODULE, worker, [Self]),
    io:format("~p~n", [Started =:= whereis(plworker)]),
    Started ! {stop, {shutdown, bye}},
    receive {'EXIT', Started, Why2} -> io:format("~p~n", [Why2]) end,
    Plain = proc_lib:spawn(?MODULE, worker, [none]),
    Ref = monitor(process, Plain),
    Plain ! {stop, normal},
    receive {'DOWN', Ref, process, Plain, Why3} -> io:format("~p~n", [Why3]) end,
    process_flag(trap_exit, false).

worker(Parent) ->
    case is_pid(Parent) of
        true ->
            register(plworker, self()),
            proc_lib:init_ack(Parent, {ok, self()});
        false -> ok
    end,
    receive {stop, Reason} -> exit(Reason) end.
