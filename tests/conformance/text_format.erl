%% Text layout with io_lib:format: tables with column widths, word wrapping, justification, number columns.
-module(text_format).
-export([main/1]).

main(_) ->
    Rows = [{"apple", 3, 0.5}, {"banana", 12, 0.25}, {"cherry", 100, 10.0}, {"kiwi", 7, 1.125}],
    io:format("~-10s|~6s|~10s~n", ["item", "qty", "price"]),
    io:format("~s~n", [lists:duplicate(28, $-)]),
    [io:format("~-10s|~6w|~10.3f~n", [N, Q, P]) || {N, Q, P} <- Rows],
    io:format("~-10s|~6w|~10.3f~n", ["total", lists:sum([Q || {_, Q, _} <- Rows]),
                                      lists:sum([Q * P || {_, Q, P} <- Rows])]),
    Text = "The quick brown fox jumps over the lazy dog and keeps running through the forest until night falls over the hills.",
    [io:format("|~s|~n", [L]) || L <- wrap(Text, 30)],
    [io:format("|~s|~n", [justify(L, 30)]) || L <- wrap(Text, 30)],
    [io:format("|~30s|~n", [L]) || L <- wrap(Text, 30)],
    [io:format("|~s|~n", [center(L, 30)]) || L <- wrap(Text, 30)],
    [io:format("~3w. ~s~n", [I, L]) || {I, L} <- lists:zip(lists:seq(1, 3), ["one", "two", "three"])],
    io:format("~s~n", [string:join([io_lib:format("~5.1f", [X / 3]) || X <- lists:seq(1, 6)], ",")]),
    io:format("[~s]~n", [string:pad("pad", 9, both, $~)]),
    io:format("~s~n", [box(["hello", "boxed world"])]),
    ok.

wrap(Text, Width) ->
    Words = string:lexemes(Text, " "),
    lists:reverse([lists:flatten(string:join(lists:reverse(L), " ")) || L <- wrap(Words, Width, [], 0, [])]).

wrap([], _, Cur, _, Acc) -> [Cur | Acc];
wrap([W | Ws], Width, [], _, Acc) -> wrap(Ws, Width, [W], length(W), Acc);
wrap([W | Ws], Width, Cur, Len, Acc) when Len + 1 + length(W) =< Width ->
    wrap(Ws, Width, [W | Cur], Len + 1 + length(W), Acc);
wrap(Ws, Width, Cur, _, Acc) -> wrap(Ws, Width, [], 0, [Cur | Acc]).

justify(Line, Width) ->
    Words = string:lexemes(Line, " "),
    case Words of
        [One] -> string:pad(One, Width);
        _ ->
            Gaps = length(Words) - 1,
            Spaces = Width - lists:sum([length(W) || W <- Words]),
            {Base, Extra} = {Spaces div Gaps, Spaces rem Gaps},
            lists:flatten(join_gaps(Words, Base, Extra))
    end.

join_gaps([W], _, _) -> W;
join_gaps([W | Ws], Base, Extra) when Extra > 0 -> [W, lists:duplicate(Base + 1, $\s) | join_gaps(Ws, Base, Extra - 1)];
join_gaps([W | Ws], Base, Extra) -> [W, lists:duplicate(Base, $\s) | join_gaps(Ws, Base, Extra)].

center(S, W) -> lists:flatten(string:pad(S, W, both)).

box(Lines) ->
    W = lists:max([length(L) || L <- Lines]),
    Border = ["+", lists:duplicate(W + 2, $-), "+\n"],
    [Border, [io_lib:format("| ~-*s |~n", [W, L]) || L <- Lines], Border].
