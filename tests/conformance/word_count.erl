%% Word frequency over a built-in text using lists, string, orddict and sorting.
-module(word_count).
-export([main/1]).

text() ->
    "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness, it was the epoch of belief, it was the epoch of "
    "incredulity, it was the season of Light, it was the season of Darkness, it was "
    "the spring of hope, it was the winter of despair, we had everything before us, "
    "we had nothing before us, we were all going direct to Heaven, we were all going "
    "direct the other way.".

main(_) ->
    Words = words(string:to_lower(text())),
    io:format("~p words~n", [length(Words)]),
    io:format("~p distinct~n", [length(lists:usort(Words))]),
    Freq = lists:foldl(fun(W, D) -> orddict:update_counter(W, 1, D) end, orddict:new(), Words),
    Top = lists:sublist(lists:sort(fun({A, X}, {B, Y}) -> {Y, A} =< {X, B} end, Freq), 10),
    [io:format("~-10s ~3w ~s~n", [W, N, lists:duplicate(N, $#)]) || {W, N} <- Top],
    Longest = lists:foldl(fun(W, Best) when length(W) > length(Best) -> W; (_, Best) -> Best end, "", Words),
    io:format("longest: ~s (~p)~n", [Longest, length(Longest)]),
    ByLen = lists:foldl(fun(W, D) -> orddict:append(length(W), W, D) end, [], lists:usort(Words)),
    [io:format("~2w: ~p~n", [L, Ws]) || {L, Ws} <- ByLen],
    Lines = string:split(text(), ", ", all),
    io:format("~p clauses~n", [length(Lines)]),
    io:format("~s~n", [string:join([capitalize(W) || W <- lists:sublist(Words, 6)], " ")]),
    ok.

words(S) ->
    string:lexemes([case C of $, -> $\s; $. -> $\s; _ -> C end || C <- S], " ").

capitalize([C | T]) when C >= $a, C =< $z -> [C - 32 | T];
capitalize(W) -> W.
