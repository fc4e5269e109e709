%% Independent work on every scheduler: 32 processes, each building and
%% summing lists and computing naive fib, reporting to the parent. The
%% work is the same for every scheduler count, so the time shows how the
%% runtime scales across cores.
-module(parallel).
-export([main/1]).

-define(WORKERS, 32).

main(_) ->
    Parent = self(),
    Pids = [spawn_link(fun() -> Parent ! {self(), work(N)} end)
            || N <- lists:seq(1, ?WORKERS)],
    Sum = lists:sum([receive {Pid, Part} -> Part end || Pid <- Pids]),
    erlang:display(Sum).

work(N) ->
    Lists = lists:sum([lists:sum(lists:seq(1, 1000 + N)) || _ <- lists:seq(1, 1000)]),
    Lists + fib(25 + N rem 3).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
