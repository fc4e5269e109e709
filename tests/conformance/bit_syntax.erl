%% Bit syntax: construction and matching with sizes, types, endianness, signedness, units and tails.
-module(bit_syntax).
-export([main/1]).

main(_) ->
    p(<<1, 2, 3>>),
    p(<<258:16>>),
    p(<<258:16/little>>),
    p(<<-1:8/signed>>),
    p(<<-1:16>>),
    p(<<1:1, 0:1, 1:1, 1:5>>),
    p(<<5:3>>),
    p(bit_size(<<5:3, 1:7>>)),
    p(<<3.5/float>>),
    p(<<3.5:32/float>>),
    p(<<1.0:64/float-little>>),
    p(<<"abc", 0, "def">>),
    p(<<(<<"inner">>)/binary, "!">>),
    p(<<16#12345678:32/big, 16#12345678:32/little, 16#12345678:32/native>> =/= <<>>),
    S = 12,
    p(<<4095:S>>),
    <<A:4, B:4, C/binary>> = <<16#AB, 1, 2>>,
    p({A, B, C}),
    <<X:16/little-unsigned, Y:8/signed, Z/bits>> = <<1, 2, 255, 7:3>>,
    p({X, Y, Z}),
    <<F:64/float>> = <<3.25/float>>,
    p(F),
    <<F32:32/float>> = <<0.5:32/float>>,
    p(F32),
    <<Len:8, Payload:Len/binary, Rest/binary>> = <<3, "abcdef">>,
    p({Len, Payload, Rest}),
    p(parse_tlv(<<1, 2, "hi", 2, 0, 3, 3, "xyz">>)),
    p(<<1:4, 2:4/unit:1, 3:2/unit:4>>),
    <<U1:2/binary-unit:8, _/binary>> = <<"hello">>,
    p(U1),
    p(byte_size(<<1:9>>)),
    p(bit_size(<<>>)),
    p(is_binary(<<1:8>>)),
    p(is_binary(<<1:9>>)),
    p(is_bitstring(<<1:9>>)),
    p(try <<(id(a)):8>> catch error:E -> E end),
    p(try <<(id(1.5)):8>> catch error:E2 -> E2 end),
    p(try <<1:(id(-1))>> catch error:E3 -> E3 end),
    p(matchall(<<"key=value">>)),
    p(bits_to_list(<<2#1011:4>>)),
    p(<<1:64/signed-integer>>),
    p(<<-300:16/signed-little>>),
    <<Neg:16/signed-little>> = <<-300:16/signed-little>>,
    p(Neg),
    p(<<(1 bsl 70):80>>),
    <<Big:80>> = <<(1 bsl 70):80>>,
    p(Big),
    p(size(<<"four">>)),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.

parse_tlv(<<>>) -> [];
parse_tlv(<<T, L, V:L/binary, R/binary>>) -> [{T, V} | parse_tlv(R)].

matchall(Bin) ->
    case Bin of
        <<"key=", V/binary>> -> {key, V};
        _ -> nomatch
    end.

bits_to_list(<<>>) -> [];
bits_to_list(<<B:1, R/bits>>) -> [B | bits_to_list(R)].
