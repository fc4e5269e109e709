%% string functions on unicode data: lengths in graphemes, slicing, case mapping, reverse, pad and trim.
-module(string_unicode).
-export([main/1]).

main(_) ->
    S = "håll€ wörld",
    B = <<"håll€ wörld"/utf8>>,
    p(string:length(S)),
    p(string:length(B)),
    p(length(S)),
    p(byte_size(B)),
    p(string:uppercase(S)),
    p(string:uppercase(B)),
    p(string:lowercase("ÅÄÖ ÉÈ")),
    p(string:reverse(S)),
    p(string:slice(S, 2, 4)),
    p(string:slice(B, 2, 4)),
    p(string:pad(S, 14, both, $*)),
    p(string:trim("  ñandú  ")),
    p(string:split(B, " ")),
    p(string:find(S, "€")),
    p(string:replace(S, "ö", "oe")),
    p(string:equal("Straße", "STRASSE", true)),
    p(string:to_graphemes("e\x{301}a")),
    p(string:length("e\x{301}a")),
    p(unicode:characters_to_list(B) =:= S),
    p([C || C <- S, C > 127]),
    p(lists:reverse(unicode:characters_to_list(B))),
    io:format("~ts~n", [S]),
    io:format("~ts~n", [B]),
    io:format("~tp~n", [S]),
    io:format("[~12ts]~n", [S]),
    io:format("[~-12ts]~n", [B]),
    ok.

p(X) -> io:format("~tp~n", [X]).
