%% A long tail-recursive loop: constant stack, yields on the way.
-module(tail_loop).
-export([main/1]).

main(_) ->
    erlang:display(sum(3000000, 0)),
    erlang:display(count_down(100000)).

sum(0, Acc) -> Acc;
sum(N, Acc) -> sum(N - 1, Acc + N).

count_down(0) -> done;
count_down(N) -> count_down(N - 1).
