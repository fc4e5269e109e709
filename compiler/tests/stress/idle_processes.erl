%% The stress test's program (`compiler/tests/stress.rs`): N processes
%% alive at once, each blocked in `receive`; then every one is messaged
%% and every one answers. It stops twice on a line of standard input, so
%% that the harness can read the memory the operating system gives it
%% before the processes exist and while they all wait.
-module(idle_processes).
-export([main/1]).

main([Count]) ->
    N = list_to_integer(Count),
    io:format("ready~n"),
    _ = io:get_line(""),
    Pids = spawn_all(N, []),
    io:format("alive ~w~n", [length(Pids)]),
    _ = io:get_line(""),
    Self = self(),
    ping_all(Pids, 1, Self),
    {Answers, Sum} = collect(N, 0, 0),
    Expected = N * (N + 1),
    io:format("answered ~w sum ~w expected ~w~n", [Answers, Sum, Expected]).

spawn_all(0, Pids) -> Pids;
spawn_all(N, Pids) -> spawn_all(N - 1, [spawn(fun wait/0) | Pids]).

%% Each process holds nothing but its wait for one question.
wait() ->
    receive
        {ping, From, I} -> From ! {pong, 2 * I}
    end.

ping_all([], _I, _Self) -> ok;
ping_all([Pid | Pids], I, Self) ->
    Pid ! {ping, Self, I},
    ping_all(Pids, I + 1, Self).

collect(0, Answers, Sum) -> {Answers, Sum};
collect(N, Answers, Sum) ->
    receive
        {pong, Value} -> collect(N - 1, Answers + 1, Sum + Value)
    end.
