%% UTF-8/16/32 segments in binary matching: decoding, skipping, both
%% endiannesses, and what a bad encoding does to the match.
-module(binary_utf).
-export([main/1]).

main(_Args) ->
    erlang:display(decode8(<<"héllo €"/utf8>>, [])),
    erlang:display(decode16(<<"a€"/utf16>>, [])),
    erlang:display(decode16le(<<"a€"/utf16-little>>, [])),
    erlang:display(decode32(<<"z𝄞"/utf32>>, [])),
    erlang:display(count8(<<"日本語"/utf8>>, 0)),
    erlang:display(first8(<<16#ff, 1>>)),
    erlang:display(first8(<<16#c3>>)),
    erlang:display(first8(<<16#ed, 16#a0, 16#80>>)),
    erlang:display(first16(<<16#d800:16, 16#dc00:16>>)),
    erlang:display(first16(<<16#dc00:16>>)),
    %% An out-of-range code point in a utf32 match crashes OTP 25's JIT
    %% (segfault), so only the short-binary failure is compared here.
    erlang:display(first32(<<0, 1>>)).

decode8(<<C/utf8, Rest/binary>>, Acc) -> decode8(Rest, [C | Acc]);
decode8(<<>>, Acc) -> lists:reverse(Acc).

decode16(<<C/utf16, Rest/binary>>, Acc) -> decode16(Rest, [C | Acc]);
decode16(<<>>, Acc) -> lists:reverse(Acc).

decode16le(<<C/utf16-little, Rest/binary>>, Acc) -> decode16le(Rest, [C | Acc]);
decode16le(<<>>, Acc) -> lists:reverse(Acc).

decode32(<<C/utf32, Rest/binary>>, Acc) -> decode32(Rest, [C | Acc]);
decode32(<<>>, Acc) -> lists:reverse(Acc).

count8(<<_/utf8, Rest/binary>>, N) -> count8(Rest, N + 1);
count8(<<>>, N) -> N.

first8(<<C/utf8, _/binary>>) -> {ok, C};
first8(_) -> nomatch.

first16(<<C/utf16, _/binary>>) -> {ok, C};
first16(_) -> nomatch.

first32(<<C/utf32, _/binary>>) -> {ok, C};
first32(_) -> nomatch.
