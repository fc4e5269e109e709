%% ETS hash tables (set, bag, duplicate_bag) with many keys: growing and
%% shrinking, keys of every type, objects of one key in insertion order,
%% walks of a fixed table while objects are deleted and inserted, chunked
%% selects going on across changes, slots. Results whose order is the
%% hash's are sorted or counted.
-module(ets_hash_tables).
-export([main/1]).

show(Label, Value) -> io:format("~s: ~p~n", [Label, Value]).

main(_) ->
    grow_and_shrink(),
    key_types(),
    bag_order(),
    duplicate_bag(),
    fixed_walk(),
    chunks_across_changes(),
    slots(),
    counters(),
    select_changes().

grow_and_shrink() ->
    T = ets:new(g, [set]),
    N = 20000,
    [true = ets:insert(T, {K, K * 2}) || K <- lists:seq(1, N)],
    show("size", ets:info(T, size)),
    show("all found", lists:all(fun(K) -> ets:lookup(T, K) =:= [{K, K * 2}] end,
                                lists:seq(1, N))),
    show("missing", [ets:lookup(T, 0), ets:member(T, N + 1), ets:lookup(T, -5)]),
    [true = ets:delete(T, K) || K <- lists:seq(1, N), K rem 100 =/= 0],
    show("after delete", {ets:info(T, size), lists:sort(ets:tab2list(T)) =:=
                              [{K, K * 2} || K <- lists:seq(100, N, 100)]}),
    show("deleted gone", [ets:member(T, K) || K <- [1, 99, 101, 19999]]),
    show("kept found", [ets:lookup(T, K) || K <- [100, 10000, 20000]]),
    [true = ets:insert(T, {K, new}) || K <- lists:seq(1, N, 3)],
    show("reinserted", {ets:info(T, size), ets:lookup(T, 1), ets:lookup(T, 100),
                        ets:lookup(T, 3001)}),
    true = ets:delete_all_objects(T),
    show("emptied", {ets:info(T, size), ets:first(T), ets:tab2list(T)}),
    true = ets:insert(T, {again, 1}),
    show("again", ets:tab2list(T)),
    ets:delete(T).

key_types() ->
    T = ets:new(k, [set]),
    Keys = [0, 1, -1, 1 bsl 27, 1 bsl 59, 1 bsl 60, -(1 bsl 60), 1 bsl 200, -(1 bsl 200),
            1.0, -0.0, 2.5, atom, '', [], [1, 2], "abc", <<>>, <<"bin">>,
            <<1:3>>, {}, {1, 2}, {1.0, 2}, #{}, #{a => 1}, self(), make_ref()],
    [true = ets:insert(T, {K, I}) || {K, I} <- lists:zip(Keys, lists:seq(1, length(Keys)))],
    show("size", ets:info(T, size)),
    show("each found", [element(2, hd(ets:lookup(T, K))) || K <- Keys]),
    show("exact", [ets:member(T, 1), ets:member(T, 1.0), ets:member(T, 0.0),
                   ets:member(T, 2.5), ets:member(T, {1, 2.0}), ets:member(T, 1 bsl 201)]),
    show("walk", length(walk(T, ets:first(T)))),
    ets:delete(T).

walk(_T, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].

bag_order() ->
    B = ets:new(b, [bag]),
    [true = ets:insert(B, {K rem 7, K}) || K <- lists:seq(1, 70)],
    true = ets:insert(B, {3, 10}),
    show("bag size", ets:info(B, size)),
    show("bag key 3", ets:lookup(B, 3)),
    true = ets:delete_object(B, {3, 24}),
    true = ets:delete_object(B, {3, 3}),
    true = ets:delete_object(B, {3, 1000}),
    show("bag key 3 after", ets:lookup(B, 3)),
    true = ets:insert(B, [{3, 24}, {3, 3}]),
    show("bag key 3 again", ets:lookup(B, 3)),
    show("take", ets:take(B, 5)),
    show("taken", {ets:lookup(B, 5), ets:member(B, 5), ets:info(B, size)}),
    [true = ets:delete_object(B, {6, K}) || K <- lists:seq(6, 70, 7)],
    show("emptied key", {ets:member(B, 6), ets:info(B, size)}),
    show("lookup_element", ets:lookup_element(B, 2, 2)),
    ets:delete(B).

duplicate_bag() ->
    D = ets:new(d, [duplicate_bag]),
    true = ets:insert(D, [{k, 1}, {k, 2}, {k, 1}, {j, 1}, {k, 3}, {k, 1}]),
    show("dbag", ets:lookup(D, k)),
    true = ets:delete_object(D, {k, 1}),
    show("dbag after", {ets:lookup(D, k), ets:info(D, size)}),
    [true = ets:insert(D, {N rem 10, N}) || N <- lists:seq(1, 5000)],
    show("dbag many", {ets:info(D, size), length(ets:lookup(D, 4)),
                       lists:sublist(ets:lookup(D, 4), 5)}),
    show("dbag select_delete", ets:select_delete(D, [{{'_', '$1'}, [{'>', '$1', 100}], [true]}])),
    show("dbag left", {ets:info(D, size), ets:lookup(D, 4)}),
    ets:delete(D).

%% Walking a fixed table with first/next while deleting each key seen
%% and inserting new ones: every old key is seen once.
fixed_walk() ->
    T = ets:new(f, [set, public]),
    N = 3000,
    [true = ets:insert(T, {K, old}) || K <- lists:seq(1, N)],
    true = ets:safe_fixtable(T, true),
    Seen = fixed_walk(T, ets:first(T), 0, []),
    true = ets:safe_fixtable(T, false),
    Old = [K || K <- Seen, is_integer(K)],
    show("fixed walk", {length(Old), length(lists:usort(Old)), old_left(T)}),
    show("unfixed next of deleted", try ets:next(T, 2) catch error:badarg -> badarg end),
    ets:delete(T).

%% How many integer keys (those there before the walk) are left; how
%% many inserted keys a walk meets depends on the hash order.
old_left(T) -> ets:select_count(T, [{{'$1', '_'}, [{is_integer, '$1'}], [true]}]).

fixed_walk(_T, '$end_of_table', _I, Seen) -> Seen;
fixed_walk(T, K, I, Seen) ->
    true = ets:insert(T, {{new, I}, new}),
    case is_integer(K) andalso K rem 2 =:= 0 of
        true -> true = ets:delete(T, K);
        false -> ok
    end,
    fixed_walk(T, ets:next(T, K), I + 1, [K | Seen]).

%% A chunked select goes on where it stopped, with objects deleted and
%% inserted between the chunks of a fixed table.
chunks_across_changes() ->
    T = ets:new(c, [set, public]),
    [true = ets:insert(T, {K, K}) || K <- lists:seq(1, 1000)],
    true = ets:safe_fixtable(T, true),
    Got = chunks(T, ets:select(T, [{{'$1', '_'}, [], ['$1']}], 50), 0),
    true = ets:safe_fixtable(T, false),
    Old = [K || K <- Got, is_integer(K)],
    show("chunks", {length(Old), lists:usort(Old) =:= lists:seq(1, 1000), old_left(T)}),
    ets:delete(T).

chunks(_T, '$end_of_table', _I) -> [];
chunks(T, {Keys, Cont}, I) ->
    [true = ets:delete(T, K) || K <- Keys],
    true = ets:insert(T, {{new, I}, I}),
    Keys ++ chunks(T, ets:select(Cont), I + 1).

slots() ->
    T = ets:new(s, [bag]),
    [true = ets:insert(T, {K rem 300, K}) || K <- lists:seq(1, 900)],
    Objects = lists:append(slots(T, 0)),
    show("slots", {length(Objects), lists:sort(Objects) =:= lists:sort(ets:tab2list(T))}),
    ets:delete(T).

slots(T, I) ->
    case ets:slot(T, I) of
        '$end_of_table' -> [];
        Objects -> [Objects | slots(T, I + 1)]
    end.

counters() ->
    T = ets:new(n, [set]),
    [ets:update_counter(T, K rem 50, 1, {K rem 50, 0}) || K <- lists:seq(1, 5000)],
    show("counters", {ets:info(T, size), lists:usort([V || {_, V} <- ets:tab2list(T)])}),
    show("update_element", {ets:update_element(T, 7, {2, x}), ets:lookup(T, 7)}),
    ets:delete(T).

select_changes() ->
    T = ets:new(r, [set]),
    [true = ets:insert(T, {K, K}) || K <- lists:seq(1, 4000)],
    show("select_replace", ets:select_replace(T, [{{'$1', '_'}, [{'<', '$1', 1000}],
                                                   [{{'$1', small}}]}])),
    show("replaced", {ets:lookup(T, 999), ets:lookup(T, 1000)}),
    show("select_delete", ets:select_delete(T, [{{'$1', small}, [], [true]}])),
    show("left", {ets:info(T, size), ets:member(T, 5), ets:member(T, 3000)}),
    show("select_count", ets:select_count(T, [{{'$1', '_'}, [{'>', '$1', 3500}], [true]}])),
    ets:delete(T).
