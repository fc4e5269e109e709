%% Float segments of 16, 32 and 64 bits, both byte orders, built and
%% matched; infinities and NaNs do not match, and rounding is IEEE's.
-module(binary_float).
-export([main/1]).

main(_Args) ->
    Values = [1.5, -0.0, 3.141592653589793, 1.0e-7, 65504.0, 7.0e-8],
    [erlang:display(built(V)) || V <- [1.0e300 | Values]],
    [erlang:display(round_trip(V)) || V <- Values],
    erlang:display(try round_trip(1.0e300) catch error:{badmatch, _} -> badmatch end),
    erlang:display(floats(<<1.5:16/float, 2.5:32/float, 3.5/float>>, [])),
    erlang:display(first(<<16#7f800000:32>>)),
    erlang:display(first(<<16#7ff8000000000000:64>>)),
    erlang:display(first(<<16#7c00:16, 0:16>>)),
    erlang:display(little(<<0.25:32/float-little>>)),
    erlang:display(first(<<1, 2, 3>>)).

built(V) -> <<V:16/float, V:32/float, V:64/float, V:32/float-little>>.

round_trip(V) ->
    <<A:16/float, B:32/float, C:64/float, D:32/float-little>> = built(V),
    {A, B, C, D}.

floats(<<F:32/float, Rest/bits>>, Acc) -> floats(Rest, [F | Acc]);
floats(<<F:16/float, Rest/bits>>, Acc) -> floats(Rest, [F | Acc]);
floats(<<>>, Acc) -> lists:reverse(Acc).

first(<<F:32/float, _/bits>>) -> {ok32, F};
first(<<F:64/float>>) -> {ok64, F};
first(_) -> nomatch.

little(<<F:32/float-little>>) -> F.
