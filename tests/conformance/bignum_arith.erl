%% Small integers overflowing into bignums and back.
-module(bignum_arith).
-export([main/1]).

main(_) ->
    erlang:display(fact(25)),
    erlang:display(fact(25) - fact(25) + 7),
    erlang:display(pow(2, 64) * -3),
    erlang:display(576460752303423487 + 1),
    erlang:display(-576460752303423488 - 1),
    erlang:display(pow(3, 40) * pow(3, 40)).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

pow(_, 0) -> 1;
pow(B, E) -> B * pow(B, E - 1).
