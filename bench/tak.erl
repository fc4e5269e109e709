%% Takeuchi's function: deep non-tail recursion with comparisons.
-module(tak).
-export([main/1]).

main(_) -> erlang:display(run(100, 0)).

run(0, Acc) -> Acc;
run(N, Acc) -> run(N - 1, Acc + tak(24, 16, 8)).

tak(X, Y, Z) when Y < X -> tak(tak(X - 1, Y, Z), tak(Y - 1, Z, X), tak(Z - 1, X, Y));
tak(_, _, Z) -> Z.
