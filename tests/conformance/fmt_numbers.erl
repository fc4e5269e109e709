%% io:format number directives: ~f ~e ~g ~b ~B ~x ~X ~# ~+ with widths, precisions and pad characters.
-module(fmt_numbers).
-export([main/1]).

main(_) ->
    Fs = [0.0, 1.0, -1.5, 3.14159265358979, 2.5e-5, 1.0e10, 123456.789, -0.001, 0.5, 1.0e-300],
    [io:format("~f|~.2f|~10.3f|~-10.1f|~e|~.3e|~g|~.3g~n", [F, F, F, F, F, F, F, F]) || F <- Fs],
    io:format("[~12.4.0f]~n", [3.14159]),
    io:format("[~12.4._f]~n", [3.14159]),
    Is = [0, 1, -1, 255, 256, -255, 65535, 1 bsl 40, -(1 bsl 70)],
    [io:format("~b|~.8b|~.16b|~.36b|~B|~.16B|~x|~.16x|~.16X|~.16#|~.2+~n",
               [I, I, I, I, I, I, I, "0x", I, "0x", I, "0x", I, I]) || I <- Is],
    io:format("[~8b]~n", [5]),
    io:format("[~-8b]~n", [5]),
    io:format("[~8.2.0b]~n", [5]),
    io:format("[~8.16.0B]~n", [255]),
    io:format("[~.16b]~n", [255]),
    io:format("[~10.16#]~n", [255]),
    io:format("[~w]~n", [1.0]),
    io:format("[~w]~n", [0.1]),
    io:format("[~w]~n", [1/3]),
    io:format("[~w]~n", [100.0]),
    io:format("[~w]~n", [1.0e15]),
    io:format("[~w]~n", [1.0e16]),
    io:format("[~w]~n", [123.456e-10]),
    io:format("[~p]~n", [5.0e-324]),
    io:format("[~p]~n", [1.7976931348623157e308]),
    io:format("[~5w]~n", [42]),
    io:format("[~-5w]~n", [42]),
    io:format("[~5.3w]~n", [42]),
    io:format("[~3w]~n", [123456]),
    io:format("[~10.4e]~n", [12345.678]),
    io:format("[~15.10g]~n", [12345.678]),
    ok.
