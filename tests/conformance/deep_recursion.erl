%% Body recursion far deeper than any native stack allows.
-module(deep_recursion).
-export([main/1]).

main(_) ->
    erlang:display(len(make(1000000, []))),
    erlang:display(depth(2000000)),
    erlang:display(outer(5)).

make(0, Acc) -> Acc;
make(N, Acc) -> make(N - 1, [N | Acc]).

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

depth(0) -> 0;
depth(N) -> 1 + depth(N - 1).

%% Resumed frames (after yields) calling into recursion that grows, and so
%% moves, the stack before they return.
outer(0) -> 0;
outer(N) -> depth(100000 * N) + outer(N - 1).
