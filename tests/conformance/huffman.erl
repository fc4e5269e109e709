%% Huffman coding: frequency table, tree building with a sorted list as priority queue, encode/decode.
-module(huffman).
-export([main/1]).

main(_) ->
    Text = "this is an example of a huffman tree built in erlang",
    Freq = freq(Text),
    io:format("~p~n", [Freq]),
    Tree = build([{N, {leaf, C}} || {C, N} <- Freq]),
    Codes = lists:sort(codes(Tree, [])),
    [io:format("~s ~s~n", [printable(C), Bits]) || {C, Bits} <- Codes],
    Encoded = encode(Text, maps:from_list(Codes)),
    io:format("~p bits (vs ~p)~n", [length(Encoded), 8 * length(Text)]),
    io:format("~s~n", [lists:sublist(Encoded, 60)]),
    Decoded = decode(Encoded, Tree, Tree, []),
    io:format("~s~n~p~n", [Decoded, Decoded =:= Text]),
    ok.

freq(Text) ->
    lists:sort(fun({C1, N1}, {C2, N2}) -> {N1, C1} =< {N2, C2} end,
               orddict:to_list(lists:foldl(fun(C, D) -> orddict:update_counter(C, 1, D) end, [], Text))).

build([{_, T}]) -> T;
build(Q) ->
    [{N1, T1}, {N2, T2} | Rest] = lists:keysort(1, Q),
    build([{N1 + N2, {node, T1, T2}} | Rest]).

codes({leaf, C}, Acc) -> [{C, lists:reverse(Acc)}];
codes({node, L, R}, Acc) -> codes(L, [$0 | Acc]) ++ codes(R, [$1 | Acc]).

encode(Text, Codes) -> lists:append([maps:get(C, Codes) || C <- Text]).

decode([], _, _, Acc) -> lists:reverse(Acc);
decode(Bits, {leaf, C}, Root, Acc) -> decode(Bits, Root, Root, [C | Acc]);
decode([$0 | Bits], {node, L, _}, Root, Acc) -> decode_step(Bits, L, Root, Acc);
decode([$1 | Bits], {node, _, R}, Root, Acc) -> decode_step(Bits, R, Root, Acc).

decode_step(Bits, {leaf, C}, Root, Acc) -> decode(Bits, Root, Root, [C | Acc]);
decode_step(Bits, Node, Root, Acc) -> decode(Bits, Node, Root, Acc).

printable($\s) -> "' '";
printable(C) -> [C].
