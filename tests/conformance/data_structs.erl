%% Purely functional data structures: stack, banker's queue, leftist heap, binary search tree, trie in nested maps.
-module(data_structs).
-export([main/1]).

main(_) ->
    S = lists:foldl(fun push/2, [], [1, 2, 3]),
    {Top, S2} = pop(S),
    p({Top, S2}),
    Q = lists:foldl(fun qin/2, {[], []}, lists:seq(1, 6)),
    p(qdrain(Q)),
    H = lists:foldl(fun hinsert/2, nil, [5, 9, 2, 7, 1, 8, 3]),
    p(hdrain(H)),
    T = lists:foldl(fun tinsert/2, nil, [50, 30, 70, 20, 40, 60, 80, 35]),
    p(tlist(T)),
    p([tmember(X, T) || X <- [35, 36, 80, 10]]),
    p(theight(T)),
    p(tlist(tdelete(30, T))),
    p(tlist(tdelete(50, T))),
    Trie = lists:foldl(fun trie_insert/2, #{}, ["car", "cart", "care", "cat", "dog", "do"]),
    p([trie_member(W, Trie) || W <- ["car", "ca", "cart", "dot", "do"]]),
    p(lists:sort(trie_prefix("car", Trie))),
    p(lists:sort(trie_prefix("d", Trie))),
    ok.

p(X) -> io:format("~p~n", [X]).

push(X, S) -> [X | S].
pop([X | S]) -> {X, S}.

qin(X, {F, B}) -> {F, [X | B]}.
qout({[], []}) -> empty;
qout({[], B}) -> qout({lists:reverse(B), []});
qout({[X | F], B}) -> {X, {F, B}}.
qdrain(Q) -> case qout(Q) of empty -> []; {X, Q2} -> [X | qdrain(Q2)] end.

rank(nil) -> 0;
rank({R, _, _, _}) -> R.
hmerge(nil, H) -> H;
hmerge(H, nil) -> H;
hmerge({_, X, L1, R1} = H1, {_, Y, _, _} = H2) when X =< Y -> make(X, L1, hmerge(R1, H2));
hmerge(H1, H2) -> hmerge(H2, H1).
make(X, A, B) ->
    case rank(A) >= rank(B) of true -> {rank(B) + 1, X, A, B}; false -> {rank(A) + 1, X, B, A} end.
hinsert(X, H) -> hmerge({1, X, nil, nil}, H).
hdrain(nil) -> [];
hdrain({_, X, L, R}) -> [X | hdrain(hmerge(L, R))].

tinsert(X, nil) -> {nil, X, nil};
tinsert(X, {L, V, R}) when X < V -> {tinsert(X, L), V, R};
tinsert(X, {L, V, R}) when X > V -> {L, V, tinsert(X, R)};
tinsert(_, T) -> T.
tlist(nil) -> [];
tlist({L, V, R}) -> tlist(L) ++ [V | tlist(R)].
tmember(_, nil) -> false;
tmember(X, {_, X, _}) -> true;
tmember(X, {L, V, _}) when X < V -> tmember(X, L);
tmember(X, {_, _, R}) -> tmember(X, R).
theight(nil) -> 0;
theight({L, _, R}) -> 1 + max(theight(L), theight(R)).
tdelete(_, nil) -> nil;
tdelete(X, {L, V, R}) when X < V -> {tdelete(X, L), V, R};
tdelete(X, {L, V, R}) when X > V -> {L, V, tdelete(X, R)};
tdelete(_, {nil, _, R}) -> R;
tdelete(_, {L, _, nil}) -> L;
tdelete(_, {L, _, R}) -> M = tmin(R), {L, M, tdelete(M, R)}.
tmin({nil, V, _}) -> V;
tmin({L, _, _}) -> tmin(L).

trie_insert([], T) -> T#{'$end' => true};
trie_insert([C | Cs], T) -> T#{C => trie_insert(Cs, maps:get(C, T, #{}))}.
trie_member([], T) -> maps:is_key('$end', T);
trie_member([C | Cs], T) -> case T of #{C := Sub} -> trie_member(Cs, Sub); _ -> false end.
trie_prefix(P, T) -> trie_prefix(P, P, T).
trie_prefix(Full, [], T) -> [Full ++ S || S <- trie_words(T)];
trie_prefix(Full, [C | Cs], T) -> case T of #{C := Sub} -> trie_prefix(Full, Cs, Sub); _ -> [] end.
trie_words(T) ->
    [[] || maps:is_key('$end', T)] ++
        [[C | W] || C <- lists:sort([K || K <- maps:keys(T), K =/= '$end']), W <- trie_words(maps:get(C, T))].
