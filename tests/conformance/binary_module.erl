%% The binary module: part, copy, at, first/last, bin_to_list, decode/encode_unsigned, and binary BIFs.
-module(binary_module).
-export([main/1]).

main(_) ->
    B = <<"the quick brown fox jumps over the lazy dog">>,
    p(binary:part(B, 4, 5)),
    p(binary:part(B, byte_size(B), -3)),
    p(binary_part(B, {0, 3})),
    p(binary:copy(<<"ab">>, 3)),
    p(binary:at(B, 4)),
    p(binary:first(B)),
    p(binary:last(B)),
    p(binary:bin_to_list(<<"abc">>)),
    p(binary:bin_to_list(B, 4, 5)),
    p(binary:list_to_bin(["ab", $c, [<<"de">>]])),
    p(binary:decode_unsigned(<<1, 0>>)),
    p(binary:decode_unsigned(<<1, 0>>, little)),
    p(binary:encode_unsigned(65536)),
    p(binary:longest_common_prefix([<<"prefix_a">>, <<"prefix_b">>, <<"pre">>])),
    p(binary:longest_common_suffix([<<"a.erl">>, <<"bb.erl">>])),
    p(binary:referenced_byte_size(<<"small">>)),
    p(try binary:at(<<"a">>, 5) catch error:E -> E end),
    p(try binary:part(<<"a">>, 0, 5) catch error:E2 -> E2 end),
    p(binary_to_list(<<"xyz">>)),
    p(binary_to_list(<<"hello">>, 2, 4)),
    p(list_to_binary([1, [2, <<3>>], 4])),
    p(iolist_to_binary(["a", [<<"b">>, $c]])),
    p(iolist_size(["a", [<<"bc">>, $d]])),
    p(binary_to_atom(<<"atom">>, utf8)),
    p(atom_to_binary(hello, utf8)),
    p(split_binary(<<"abcdef">>, 2)),
    ok.

p(X) -> io:format("~p~n", [X]).
