%% Compiled by the README's first command: `eartsc build examples/fib.erl`.
-module(fib).
-export([main/1]).

main(Args) ->
    erlang:display(Args),
    erlang:display([fib(N) || N <- [10, 20, 30]]).

fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).
