%% Binaries built in a loop and consed onto an accumulator: bs_create_bin
%% must leave the heap words the following put_list takes (its `alloc`
%% operand); a miss overruns the heap.
-module(binary_accumulate).
-export([main/1]).

main(_) ->
    Parts = encode(lists:seq(1, 3000), []),
    Bin = list_to_binary(Parts),
    io:format("~p ~p~n", [length(Parts), byte_size(Bin)]),
    io:format("~p~n", [decode(Bin, 0)]),
    io:format("~p~n", [lists:sublist(Parts, 3)]),
    Pairs = [{<<N:16>>, <<(N * 3):24>>} || N <- lists:seq(1, 2000)],
    io:format("~p~n", [lists:last(Pairs)]).

encode([], Acc) -> lists:reverse(Acc);
encode([X | Xs], Acc) -> encode(Xs, [<<X:32/little, (X rem 256):8>> | Acc]).

decode(<<X:32/little, Y:8, Rest/binary>>, Sum) -> decode(Rest, Sum + X + Y);
decode(<<>>, Sum) -> Sum.
