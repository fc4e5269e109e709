%% Char lists vs binaries: conversions, concatenation, iolists, and character classification.
-module(char_lists).
-export([main/1]).

main(_) ->
    S = "Hello, World",
    B = <<"Hello, World">>,
    p(S =:= binary_to_list(B)),
    p(list_to_binary(S) =:= B),
    p(S ++ "!"),
    p(<<B/binary, "!">>),
    p(iolist_to_binary([S, $!, <<" ok">>])),
    p(lists:reverse(S)),
    p(list_to_binary(lists:reverse(binary_to_list(B)))),
    p([C || C <- S, C >= $A, C =< $Z]),
    p([C || <<C>> <= B, C >= $a, C =< $z]),
    p(string:uppercase(S)),
    p(length(S)),
    p(byte_size(B)),
    p(lists:nth(1, S)),
    p(binary:at(B, 0)),
    p(is_list(S)),
    p(is_binary(S)),
    p(io_lib:printable_list(S)),
    p(io_lib:printable_list([0 | S])),
    p([classify(C) || C <- "a Z 9_.\n"]),
    p(lists:map(fun(C) when C >= $a, C =< $z -> C - 32; (C) -> C end, "mixed Case 123")),
    p(string:split(S, ", ")),
    p(binary:split(B, <<", ">>)),
    p(lists:flatten(["a", ["b", ["c"]], "d"])),
    p(iolist_size(["ab", <<"cd">>, $e, [[$f]]])),
    p(lists:concat(["x", 1, y, 2.5])),
    p(atom_to_list(abc) ++ integer_to_list(123)),
    p([$a | "bc"]),
    p("abc" < "abd"),
    p("Z" < "a"),
    p(lists:sort(["banana", "Apple", "cherry", "apple"])),
    p(lists:keysort(2, [{1, "b"}, {2, "a"}])),
    p(string:str("hello", "l")),
    p(string:rstr("hello", "l")),
    p(string:span("aaab", "a")),
    p(string:cspan("abc,d", ",")),
    p(lists:sublist("abcdef", 2, 3)),
    p(string:substr("abcdef", 3)),
    p(lists:prefix("ab", "abc")),
    p(erlang:list_to_binary([[], [[]], <<>>])),
    ok.

p(X) -> io:format("~p~n", [X]).

classify(C) when C >= $a, C =< $z -> lower;
classify(C) when C >= $A, C =< $Z -> upper;
classify(C) when C >= $0, C =< $9 -> digit;
classify($\s) -> space;
classify($\n) -> newline;
classify(_) -> other.
