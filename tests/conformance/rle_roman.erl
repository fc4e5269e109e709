%% Run-length encoding, roman numerals, base conversions, caesar cipher, palindromes.
-module(rle_roman).
-export([main/1]).

main(_) ->
    p(rle("aaabccddddde")),
    p(unrle(rle("aaabccddddde"))),
    p(rle("")),
    p(rle_bin(<<"wwwwaaadexxxxxx">>)),
    [io:format("~4w ~s~n", [N, roman(N)]) || N <- [1, 4, 9, 14, 40, 90, 400, 1994, 2024, 3999]],
    p([from_roman(roman(N)) =:= N || N <- lists:seq(1, 300)] -- [true]),
    p(from_roman("MCMXCIV")),
    p(caesar("Hello, World!", 3)),
    p(caesar(caesar("Hello, World!", 3), 23)),
    p([W || W <- ["racecar", "level", "earts", "noon", "a", "ab"], palindrome(W)]),
    p(to_base(255, 2)),
    p(to_base(255, 16)),
    p(to_base(123456789, 36)),
    p(luhn("79927398713")),
    p(luhn("79927398710")),
    p(anagrams(["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"])),
    ok.

p(X) -> io:format("~p~n", [X]).

rle([]) -> [];
rle([H | T]) -> rle(T, H, 1, []).
rle([H | T], H, N, Acc) -> rle(T, H, N + 1, Acc);
rle([H | T], C, N, Acc) -> rle(T, H, 1, [{C, N} | Acc]);
rle([], C, N, Acc) -> lists:reverse([{C, N} | Acc]).

unrle(L) -> lists:append([lists:duplicate(N, C) || {C, N} <- L]).

rle_bin(B) -> iolist_to_binary([[integer_to_list(N), C] || {C, N} <- rle(binary_to_list(B))]).

roman(0) -> [];
roman(N) ->
    {V, S} = hd([{V, S} || {V, S} <- [{1000, "M"}, {900, "CM"}, {500, "D"}, {400, "CD"}, {100, "C"},
                                      {90, "XC"}, {50, "L"}, {40, "XL"}, {10, "X"}, {9, "IX"},
                                      {5, "V"}, {4, "IV"}, {1, "I"}], V =< N]),
    S ++ roman(N - V).

from_roman(S) -> fr([val(C) || C <- S]).
fr([A, B | T]) when A < B -> B - A + fr(T);
fr([A | T]) -> A + fr(T);
fr([]) -> 0.
val($I) -> 1; val($V) -> 5; val($X) -> 10; val($L) -> 50;
val($C) -> 100; val($D) -> 500; val($M) -> 1000.

caesar(S, K) -> [shift(C, K) || C <- S].
shift(C, K) when C >= $a, C =< $z -> $a + (C - $a + K) rem 26;
shift(C, K) when C >= $A, C =< $Z -> $A + (C - $A + K) rem 26;
shift(C, _) -> C.

palindrome(W) -> W =:= lists:reverse(W).

to_base(0, _) -> "0";
to_base(N, B) -> to_base(N, B, []).
to_base(0, _, Acc) -> Acc;
to_base(N, B, Acc) -> to_base(N div B, B, [digit(N rem B) | Acc]).
digit(D) when D < 10 -> $0 + D;
digit(D) -> $a + D - 10.

luhn(S) ->
    Ds = lists:reverse([C - $0 || C <- S]),
    {_, Sum} = lists:foldl(fun(D, {I, Acc}) ->
                                   V = if I rem 2 =:= 1 -> D2 = D * 2, if D2 > 9 -> D2 - 9; true -> D2 end;
                                          true -> D end,
                                   {I + 1, Acc + V}
                           end, {0, 0}, Ds),
    Sum rem 10 =:= 0.

anagrams(Ws) ->
    G = lists:foldl(fun(W, D) -> orddict:append(lists:sort(W), W, D) end, [], Ws),
    [Group || {_, Group} <- G, length(Group) > 1].
