%% Comparisons and guards on integers and atoms.
-module(compare).
-export([main/1]).

main(_) ->
    erlang:display([order(A, B) || {A, B} <- [{1, 2}, {2, 1}, {3, 3}, {-5, 5}]]),
    erlang:display(max3(7, 19, 3)),
    erlang:display(sign(-4)),
    erlang:display(sign(0)),
    erlang:display(sign(99999999999999999999)),
    erlang:display(eq(a, a)),
    erlang:display(eq(a, b)).

order(A, B) when A < B -> less;
order(A, B) when A > B -> greater;
order(_, _) -> equal.

max3(A, B, C) when A >= B, A >= C -> A;
max3(_, B, C) when B >= C -> B;
max3(_, _, C) -> C.

sign(N) when N < 0 -> negative;
sign(0) -> zero;
sign(_) -> positive.

eq(X, X) -> same;
eq(_, _) -> different.
