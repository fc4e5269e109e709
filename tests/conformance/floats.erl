%% Float registers and float arithmetic, with its errors.
-module(floats).
-export([main/1]).

main(_) ->
    erlang:display(area(2.0)),
    erlang:display(mean([1, 2.5, 4, 8.25])),
    erlang:display(scale(3, 0.5)),
    erlang:display(-neg(1.5)),
    erlang:display(try ratio(1, 0) catch error:badarith -> badarith end),
    erlang:display(try ratio(a, 2.0) catch error:badarith -> badarith_atom end),
    erlang:display(try big(1.0e300) catch error:badarith -> overflow end),
    erlang:display(ratio(123456789012345678901234567890, 7)),
    erlang:display([X / 4 || X <- [1, 2, 3]]).

area(R) -> 3.14159 * R * R.

mean(Xs) -> sum(Xs, 0) / length(Xs).

sum([], Acc) -> Acc;
sum([X | Xs], Acc) -> sum(Xs, Acc + X).

scale(A, F) -> A * F + 1.

neg(X) -> -X * 2.

ratio(A, B) -> A / B.

big(X) -> X * X * 10.0.
