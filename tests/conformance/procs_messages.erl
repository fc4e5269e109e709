%% Processes: spawn, message passing, selective receive, ordering, ping-pong, ring.
-module(procs_messages).
-export([main/1, loop/1]).

main(_) ->
    Self = self(),
    P = spawn(fun() -> receive {From, X} -> From ! {self(), X * 2} end end),
    P ! {Self, 21},
    receive {P, R} -> p(R) end,
    Acc = spawn(?MODULE, loop, [0]),
    [Acc ! {add, N} || N <- lists:seq(1, 100)],
    Acc ! {get, Self},
    receive {total, T} -> p(T) end,
    Acc ! stop,
    p(pingpong(10)),
    p(ring(50, 3)),
    [Self ! {prio, N} || N <- [3, 1, 2]],
    Self ! urgent,
    p(receive urgent -> urgent end),
    p([receive {prio, N} -> N end || _ <- [1, 2, 3]]),
    Workers = [spawn(fun() -> Self ! {result, I, I * I} end) || I <- lists:seq(1, 20)],
    p(length(Workers)),
    Results = [receive {result, I, V} -> V end || I <- lists:seq(1, 20)],
    p(Results),
    p(gather(5)),
    p(is_pid(Self)),
    p(self() =:= Self),
    p(node()),
    p(receive _ -> leftover after 50 -> empty end),
    ok.

p(X) -> io:format("~p~n", [X]).

loop(Sum) ->
    receive
        {add, N} -> loop(Sum + N);
        {get, From} -> From ! {total, Sum}, loop(Sum);
        stop -> ok
    end.

pingpong(N) ->
    Self = self(),
    Pong = spawn(fun() -> pong() end),
    Count = ping(Pong, N, 0),
    Pong ! {stop, Self},
    receive pong_stopped -> ok end,
    Count.

ping(_, 0, C) -> C;
ping(Pong, N, C) ->
    Pong ! {ping, self()},
    receive pong -> ping(Pong, N - 1, C + 1) end.

pong() ->
    receive
        {ping, From} -> From ! pong, pong();
        {stop, From} -> From ! pong_stopped
    end.

ring(N, Rounds) ->
    Self = self(),
    First = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, Self, lists:seq(1, N)),
    First ! {token, N * Rounds},
    receive {token, Left} -> {done, Left} end.

relay(Next) ->
    receive
        {token, 0} = M -> Next ! M, relay(Next);
        {token, K} -> Next ! {token, K - 1}, relay(Next)
    after 500 -> ok
    end.

gather(N) ->
    Self = self(),
    Pids = [spawn(fun() -> Self ! {self(), I * 10} end) || I <- lists:seq(1, N)],
    [receive {Pid, V} -> V end || Pid <- Pids].
