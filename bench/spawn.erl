%% Spawning 200,000 processes, each of which sends its parent a message
%% and ends; the parent waits for every one before the next is spawned.
-module(spawn).
-export([main/1]).

main(_) -> erlang:display(loop(200000, 0)).

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    Parent = self(),
    spawn(fun() -> Parent ! {done, N} end),
    receive
        {done, N} -> loop(N - 1, Acc + N)
    end.
