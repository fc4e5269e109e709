%% Binary matching: integers of every size, signed and little-endian,
%% sub binaries, tails, strings, units, and positions.
-module(binary_match).
-export([main/1]).

main(_) ->
    Bin = <<1, 2, 3, 255, 16#12, 16#34, 0:4, 5:4, "hello", 200, 100>>,
    erlang:display(header(Bin)),
    erlang:display(packet(<<0, 5, "abcde", "rest">>)),
    erlang:display(bits(<<2#10110011>>)),
    erlang:display(signed(<<255, 254>>)),
    erlang:display(little(<<1, 0, 0, 0, 2, 1>>)),
    erlang:display(words(<<1, 2, 3, 4, 5, 6, 7, 8>>, [])),
    erlang:display(starts_with(<<"hello world">>)),
    erlang:display(starts_with(<<"goodbye">>)),
    erlang:display(starts_with(not_a_binary)),
    erlang:display(big(<<1, 0, 0, 0, 0, 0, 0, 0, 0, 0>>)),
    erlang:display(count_bytes(<<1, 2, 3, 4, 5>>, 0)).

header(<<A, B, C:16, D:16/big, _:4, E:4, Name:5/binary, Rest/binary>>) -> {A, B, C, D, E, Name, Rest}.

packet(<<Len:16, Body:Len/binary, Tail/binary>>) -> {Len, Body, Tail}.

bits(<<A:1, B:2, C:5>>) -> {A, B, C}.

signed(<<X:8/signed, Y:8/signed>>) -> {X, Y}.

little(<<X:32/little, Y:16/little>>) -> {X, Y}.

words(<<W:16, Rest/binary>>, Acc) -> words(Rest, [W | Acc]);
words(<<>>, Acc) -> lists:reverse(Acc).

starts_with(<<"hello", _/binary>>) -> hello;
starts_with(<<_/binary>>) -> other;
starts_with(_) -> not_binary.

big(<<N:80>>) -> N.

count_bytes(<<_, Rest/binary>>, N) -> count_bytes(Rest, N + 1);
count_bytes(<<>>, N) -> N.
