-module(float_conv).
-export([main/1]).

main(_) ->
    Fs = [0.0, 1.0, -1.0, 0.1, 1/3, 2/3, 100.0, 1.0e-10, 6.02214076e23, -273.15, 1.5e30, 123456789.125],
    [p({float_to_list(F), float_to_list(F, [short]), float_to_list(F, [{decimals, 3}]),
        float_to_list(F, [{scientific, 4}]), float_to_binary(F, [{decimals, 2}, compact])}) || F <- Fs],
    p(float_to_list(1.0, [{decimals, 0}])),
    p(float_to_list(2.5, [{decimals, 0}])),
    p(float_to_list(0.125, [{decimals, 2}])),
    p(float_to_list(1.10, [{decimals, 5}, compact])),
    p(float_to_binary(3.0)),
    p(try float_to_list(1.5e300, [{decimals, 3}]) catch error:E0 -> E0 end),
    p(binary_to_float(<<"2.5">>)),
    p(1.0 + 2),
    p(10 / 4),
    p(10 / 5),
    p(-0.0 == 0.0),
    p(0.1 + 0.2),
    p(0.1 + 0.2 =:= 0.3),
    p(try 1.0e308 * 10 catch error:E4 -> E4 end),
    p(try 1 / 0.0 catch error:E5 -> E5 end),
    p(math:pi()),
    p(2.0 * 3),
    p(7.0 / 2),
    p(1.0e-320 / 2),
    p(trunc(1.0e15 + 0.5)),
    p(float(1 bsl 53) + 1.0),
    p(1.0e15),
    p(1.0e16),
    p(123.0e-3),
    p([X / 10 || X <- lists:seq(1, 10)]),
    p(lists:sum([0.1 || _ <- lists:seq(1, 10)])),
    ok.

p(X) -> io:format("~p~n", [X]).
