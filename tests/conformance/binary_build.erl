%% Binary construction: integers of every size and endianness, binaries,
%% strings, floats, UTF-8/16/32, bitstrings, and bad segments.
-module(binary_build).
-export([main/1]).

main(Args) ->
    N = length(Args),
    B = <<"xy">>,
    erlang:display(<<1, N:16, B/binary, "lit", 7:3, 1:5>>),
    erlang:display(<<(-1):8/signed, 258:16/little, 16#123456:24>>),
    erlang:display(<<3.5/float, 1.5:32/float>>),
    erlang:display(<<200/utf8, 8364/utf8, 65/utf16, 66/utf32>>),
    erlang:display(size_of(<<1:1, 0:2, 5:5, 9:4>>)),
    erlang:display(concat([<<"ab">>, <<"cd">>, <<"ef">>], <<>>)),
    erlang:display(<<(1 bsl 70):80>>),
    erlang:display(try <<(id(a)):8>> catch error:badarg -> badarg end),
    erlang:display(try <<(id(<<1:3>>))/binary>> catch error:badarg -> badarg end),
    erlang:display(parse(<<N:8, "end">>)).

id(X) -> X.

size_of(Bits) -> {bit_size(Bits), byte_size(Bits)}.

concat([], Acc) -> Acc;
concat([H | T], Acc) -> concat(T, <<Acc/binary, H/binary>>).

parse(<<Len:8, Rest/binary>>) -> {Len, Rest}.
