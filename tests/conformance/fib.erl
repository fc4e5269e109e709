%% Body recursion and integer arithmetic.
-module(fib).
-export([main/1]).

main(_) ->
    erlang:display(fib(20)),
    erlang:display([fib(N) || N <- [0, 1, 2, 3, 10]]).

fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).
