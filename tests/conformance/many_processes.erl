%% Many processes: 2,000 spawned workers, a process chain passing a counter, and a tree of spawners.
-module(many_processes).
-export([main/1]).

main(_) ->
    Self = self(),
    N = 2000,
    [spawn(fun() -> Self ! {sq, I, I * I} end) || I <- lists:seq(1, N)],
    p(lists:sum([receive {sq, I, V} -> V end || I <- lists:seq(1, N)])),
    Last = chain(500, Self),
    Last ! {count, 0},
    p(receive {count, C} -> C after 5000 -> timeout end),
    p(tree(6)),
    Pids = [spawn(fun() -> receive {From, X} -> From ! {self(), X + 1} end end) || _ <- lists:seq(1, 300)],
    [P ! {Self, I} || {P, I} <- lists:zip(Pids, lists:seq(1, 300))],
    p(lists:sum([receive {P, V} -> V end || P <- Pids])),
    p(length(lists:usort(Pids))),
    ok.

p(X) -> io:format("~p~n", [X]).

chain(0, Next) -> Next;
chain(K, Next) ->
    P = spawn(fun() -> receive {count, C} -> Next ! {count, C + 1} end end),
    chain(K - 1, P).

tree(0) -> 1;
tree(D) ->
    Self = self(),
    [spawn(fun() -> Self ! {sub, tree(D - 1)} end) || _ <- [1, 2]],
    1 + lists:sum([receive {sub, S} -> S end || _ <- [1, 2]]).
