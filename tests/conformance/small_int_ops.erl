%% rem, div, band, bor, bxor over small integers at the edges of the
%% small range (inline fast paths) and beyond (the BIF).
-module(small_int_ops).
-export([main/1]).
main(_) ->
    L = [-7, 7, -1, 1, 0, 3, -3, 576460752303423487, -576460752303423488, 16#7ff, -16#800],
    R = [{try A rem B catch C1:E1 -> {C1,E1} end, try A div B catch C2:E2 -> {C2,E2} end, A band B, A bor B, A bxor B} || A <- L, B <- L],
    io:format("~p~n", [erlang:phash2(R)]),
    io:format("~p~n", [lists:sublist(R, 30)]).
