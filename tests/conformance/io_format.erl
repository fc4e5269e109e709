%% io:format and friends through OTP's own io and io_lib, served by
%% earts' group leader.
-module(io_format).
-export([main/1]).

main(Args) ->
    io:format("plain text~n"),
    io:format("args ~p ~w~n", [Args, Args]),
    io:format("~s|~10s|~-10s|~.3s~n", ["abc", "right", "left", "truncate"]),
    io:format("~p~n", [{tuple, [1, 2.5, "string", <<"bin">>, #{k => v}], atom, 'Quoted atom'}]),
    io:format("~w~n", [{tuple, [1, 2.5, "string", <<"bin">>], 'Quoted atom'}]),
    io:format("~p~n", [lists:seq(1, 40)]),
    io:format("~P~n", [lists:seq(1, 40), 8]),
    io:format("~W~n", [{a, [b, [c, [d]]]}, 3]),
    io:format("~f ~.2f ~e ~.3e ~g ~g~n", [3.14159, 2.5, 1234.5, 0.000123, 0.5, 1.0e20]),
    io:format("~b ~.16b ~.2B ~x ~.16X ~.16#~n", [255, 255, 5, 255, "0x", 255, "0x", 16#ff]),
    io:format("~c~c ~5c|~n", [$o, $k, $x]),
    io:format("~i~s~n", [ignored, "after ignore"]),
    io:format("~8.3f|~-8.2f|~08.3f~n", [3.14159, 2.5, -1.5]),
    io:format("~*.*f|~n", [10, 2, 1.0 / 3]),
    io:format("~~ tilde~n"),
    io:format("~tp ~ts~n", [[1000, 1001], "tp"]),
    io:format("~p~n", [[{deep, [{nested, [{list, lists:seq(1, 15)}]}]}]]),
    io:format("~p~n", [<<1, 2, 3, 255>>]),
    io:format("~p ~p~n", [-12345678901234567890, 1.0e-10]),
    io:put_chars("put_chars\n"),
    io:put_chars([<<"iolist ">>, "with ", [$n, $e, $s, $t, $e, $d], "\n"]),
    io:write({written, "term"}),
    io:nl(),
    io:fwrite("fwrite ~p~n", [ok]),
    io:format(standard_io, "to standard_io~n", []),
    io:format(user, "to user~n", []),
    io:format(standard_error, "to standard_error~n", []),
    Chars = io_lib:format("~p-~w", [a, b]),
    io:format("~s ~p~n", [Chars, lists:flatten(Chars)]),
    io:format("~p~n", [catch io:format("~s~n", [not_a_string])]),
    io:format("~p~n", [try io:format(id("~q~n"), [bad_directive]) catch C:R -> {C, R} end]),
    io:format("~p~n", [io:getopts()]),
    io:format("done~n").

id(X) -> X.
