%% base64 encoding/decoding of binaries and lists, and a hand-written hex codec.
-module(base64_mod).
-export([main/1]).

main(_) ->
    Inputs = [<<>>, <<"f">>, <<"fo">>, <<"foo">>, <<"foob">>, <<"fooba">>, <<"foobar">>,
              <<0, 255, 128, 1>>, list_to_binary(lists:seq(0, 63))],
    [p({base64:encode(B), base64:decode(base64:encode(B)) =:= B}) || B <- Inputs],
    p(base64:encode_to_string("hello world")),
    p(base64:decode_to_string("aGVsbG8gd29ybGQ=")),
    p(base64:decode(<<"aGVs\nbG8=">>)),
    p(base64:mime_decode(<<"aGV sbG8=">>)),
    p(try base64:decode(<<"a">>) catch error:E -> E end),
    p(hex(<<"earts">>)),
    p(unhex(hex(<<"earts">>))),
    p(hex(<<0, 15, 16, 255>>)),
    ok.

p(X) -> io:format("~p~n", [X]).

hex(B) -> list_to_binary([io_lib:format("~2.16.0b", [X]) || <<X>> <= B]).
unhex(H) -> list_to_binary([list_to_integer([A, B], 16) || <<A, B>> <= H]).
