%% A binary kernel: encoding integers into a binary and decoding them
%% with binary matching.
-module(binaries).
-export([main/1]).

main(_) -> erlang:display(loop(1500, 0)).

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    Bin = encode(lists:seq(1, 5000), []),
    loop(N - 1, Acc + decode(Bin, 0)).

encode([], Acc) -> list_to_binary(lists:reverse(Acc));
encode([X | Xs], Acc) -> encode(Xs, [<<X:32/little, (X rem 256):8>> | Acc]).

decode(<<X:32/little, Y:8, Rest/binary>>, Sum) -> decode(Rest, Sum + X + Y);
decode(<<>>, Sum) -> Sum.
