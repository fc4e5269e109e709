%% Naive doubly recursive Fibonacci: calls, returns and small-integer
%% arithmetic.
-module(fib).
-export([main/1]).

main(_) -> erlang:display(run(30, 0)).

run(0, Acc) -> Acc;
run(N, Acc) -> run(N - 1, Acc + fib(32)).

fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).
