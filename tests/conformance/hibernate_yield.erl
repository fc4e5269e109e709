%% erlang:yield/0 and erlang:hibernate/3: direct, tail, through apply and
%% funs; a hibernated process wakes on a message (or at once when one is
%% queued) into the function it named, with an empty stack; bad arguments
%% are badarg; it may wake into erlang:apply/2,3; gen_server's
%% hibernate runs through proc_lib:hibernate.
-module(hibernate_yield).
-behaviour(gen_server).
-export([main/1, woke/2, count_down/2]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2]).

main(_) ->
    io:format("~p~n", [erlang:yield()]),
    io:format("~p~n", [apply(erlang, yield, [])]),
    Yield = fun erlang:yield/0,
    io:format("~p~n", [Yield()]),
    io:format("~p~n", [tail_yield()]),
    io:format("~p~n", [[erlang:yield() || _ <- lists:seq(1, 3)]]),
    io:format("~p~n", [try erlang:yield() of true -> yielded catch _:_ -> caught end]),
    Self = self(),
    %% Wakes on a message, into woke/2.
    P = spawn(fun() -> deep(Self, 50) end),
    receive {deep, P} -> ok end,
    wait_until_waiting(P),
    io:format("~p~n", [process_info(P, status)]),
    P ! hello,
    receive {woke, P, Got, Depth} -> io:format("~p~n", [{Got, Depth}]) end,
    %% A message already queued: wakes at once.
    Q = spawn(fun() -> self() ! early, erlang:hibernate(?MODULE, woke, [Self, 0]) end),
    receive {woke, Q, Early, _} -> io:format("~p~n", [Early]) end,
    %% Through apply, and with a counting wake-up that hibernates again.
    R = spawn(fun() -> apply(erlang, hibernate, [?MODULE, count_down, [Self, 3]]) end),
    [begin wait_until_waiting(R), R ! tick end || _ <- lists:seq(1, 3)],
    receive {counted, R, Ticks} -> io:format("~p~n", [Ticks]) end,
    %% Bad arguments.
    io:format("~p~n", [caught(fun() -> erlang:hibernate(1, woke, []) end)]),
    io:format("~p~n", [caught(fun() -> erlang:hibernate(?MODULE, "woke", []) end)]),
    io:format("~p~n", [caught(fun() -> erlang:hibernate(?MODULE, woke, [a | b]) end)]),
    %% Waking into erlang:apply/2 and /3.
    A2 = spawn(fun() -> erlang:hibernate(erlang, apply, [fun woke/2, [Self, 0]]) end),
    A3 = spawn(fun() -> erlang:hibernate(erlang, apply, [?MODULE, woke, [Self, 0]]) end),
    [begin wait_until_waiting(A), A ! applied end || A <- [A2, A3]],
    [receive {woke, A, Applied, _} -> io:format("~p~n", [Applied]) end || A <- [A2, A3]],
    %% gen_server hibernating between calls.
    {ok, Server} = gen_server:start(?MODULE, 0, []),
    io:format("~p~n", [[gen_server:call(Server, add) || _ <- lists:seq(1, 4)]]),
    wait_until_waiting(Server),
    io:format("~p~n", [gen_server:call(Server, add)]),
    gen_server:stop(Server),
    ok.

tail_yield() -> erlang:yield().

deep(Parent, 0) ->
    Parent ! {deep, self()},
    erlang:hibernate(?MODULE, woke, [Parent, 0]);
deep(Parent, N) ->
    [deep(Parent, N - 1)].

woke(Parent, _) ->
    receive Message -> Parent ! {woke, self(), Message, length(stack())} end.

%% Frames below the wake-up function: none after hibernate.
stack() ->
    try throw(x) catch throw:x:Stack -> [F || {M, F, _, _} = F <- Stack, M =:= ?MODULE] end.

count_down(Parent, N) ->
    receive
        tick when N =:= 1 -> Parent ! {counted, self(), 3};
        tick -> erlang:hibernate(?MODULE, count_down, [Parent, N - 1])
    end.

wait_until_waiting(P) ->
    case process_info(P, status) of
        {status, waiting} -> ok;
        _ -> timer:sleep(1), wait_until_waiting(P)
    end.

caught(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

init(N) -> {ok, N}.
handle_call(add, _From, N) -> {reply, N + 1, N + 1, hibernate}.
handle_cast(_, N) -> {noreply, N}.
handle_info(_, N) -> {noreply, N}.
