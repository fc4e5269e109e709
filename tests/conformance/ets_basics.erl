%% ETS without match specifications: the four table types, access
%% rights, named tables, keypos, counters, element updates, traversal,
%% info, owners and heirs, give_away, and errors. Results of unordered
%% tables are sorted (their order is the hash's on BEAM).
-module(ets_basics).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.

show(Label, Value) -> io:format("~s: ~p~n", [Label, Value]).

main(_) ->
    set_table(),
    ordered_set_table(),
    bags(),
    counters(),
    elements(),
    traversal(),
    info(),
    named(),
    access(),
    owners(),
    errors(),
    many().

set_table() ->
    T = ets:new(s, [set]),
    show("ref", is_reference(T)),
    show("insert", ets:insert(T, {a, 1})),
    show("insert list", ets:insert(T, [{b, 2}, {c, 3}, {b, 4}])),
    show("lookup", [ets:lookup(T, K) || K <- [a, b, c, d]]),
    show("exact keys", [ets:insert(T, {1, int}), ets:lookup(T, 1.0), ets:lookup(T, 1)]),
    show("member", [ets:member(T, a), ets:member(T, zz)]),
    show("insert_new", [ets:insert_new(T, {a, 9}), ets:insert_new(T, [{x, 1}, {a, 2}]),
                        ets:lookup(T, x), ets:insert_new(T, [{x, 1}, {y, 2}])]),
    show("tab2list", lists:sort(ets:tab2list(T))),
    show("delete", [ets:delete(T, a), ets:lookup(T, a), ets:delete(T, nothing)]),
    show("delete_object", [ets:delete_object(T, {b, 2}), ets:lookup(T, b),
                           ets:delete_object(T, {b, 4}), ets:lookup(T, b)]),
    show("take", [ets:take(T, c), ets:take(T, c)]),
    show("size", ets:info(T, size)),
    show("delete_all_objects", [ets:delete_all_objects(T), ets:info(T, size), ets:first(T)]),
    show("delete table", [ets:delete(T), ets:info(T), t(fun() -> ets:lookup(T, a) end),
                          t(fun() -> ets:insert(T, {a}) end), t(fun() -> ets:delete(T) end)]).

ordered_set_table() ->
    O = ets:new(o, [ordered_set]),
    ets:insert(O, [{K, K * 10} || K <- [5, 3, 9, 1, 7]]),
    ets:insert(O, [{b, atom}, {"s", string}, {2.5, float}, {{t}, tuple}]),
    show("tab2list", ets:tab2list(O)),
    show("first/last", [ets:first(O), ets:last(O)]),
    show("next/prev", [ets:next(O, 3), ets:next(O, 4), ets:prev(O, 7), ets:prev(O, 1),
                       ets:next(O, "s"), ets:next(O, zzz)]),
    show("equal keys", [ets:lookup(O, 5.0), ets:insert(O, {5.0, replaced}), ets:lookup(O, 5)]),
    show("walk", walk(O, ets:first(O))),
    show("walk back", walk_back(O, ets:last(O))),
    show("slots", [ets:slot(O, 0), ets:slot(O, 3), ets:slot(O, 9),
                   t(fun() -> ets:slot(O, 10) end), t(fun() -> ets:slot(O, -1) end)]),
    show("foldl", ets:foldl(fun({K, _}, Acc) -> [K | Acc] end, [], O)),
    show("foldr", ets:foldr(fun({K, _}, Acc) -> [K | Acc] end, [], O)),
    show("type", ets:info(O, type)),
    K2 = ets:new(k2, [ordered_set, {keypos, 2}]),
    ets:insert(K2, [{x, 3}, {y, 1}, {z, 2}]),
    show("keypos 2", [ets:tab2list(K2), ets:lookup(K2, 1), ets:info(K2, keypos),
                      t(fun() -> ets:insert(K2, {only}) end)]),
    ets:delete(K2),
    ets:delete(O).

walk(_, '$end_of_table') -> [];
walk(T, K) -> [K | walk(T, ets:next(T, K))].

walk_back(_, '$end_of_table') -> [];
walk_back(T, K) -> [K | walk_back(T, ets:prev(T, K))].

bags() ->
    B = ets:new(b, [bag]),
    ets:insert(B, {k, 1}),
    ets:insert(B, {k, 2}),
    ets:insert(B, {k, 1}),
    ets:insert(B, {j, 1}),
    show("bag lookup", [ets:lookup(B, k), ets:lookup(B, j)]),
    ets:insert(B, [{k, 3}, {k, 4}]),
    show("bag list", ets:lookup(B, k)),
    show("bag lookup_element", [ets:lookup_element(B, k, 2),
                                t(fun() -> ets:lookup_element(B, k, 3) end)]),
    show("bag delete_object", [ets:delete_object(B, {k, 2}), ets:lookup(B, k)]),
    show("bag insert_new", [ets:insert_new(B, {k, 9}), ets:insert_new(B, {m, 9})]),
    show("bag take", [ets:take(B, k), ets:lookup(B, k), ets:info(B, size)]),
    show("bag counter", t(fun() -> ets:update_counter(B, m, 1) end)),
    D = ets:new(d, [duplicate_bag]),
    ets:insert(D, {k, 1}),
    ets:insert(D, {k, 1}),
    ets:insert(D, [{k, 2}, {k, 1}]),
    show("dbag lookup", [ets:lookup(D, k), ets:info(D, size)]),
    show("dbag delete_object", [ets:delete_object(D, {k, 1}), ets:lookup(D, k)]),
    show("dbag tab2list", lists:sort(ets:tab2list(D))),
    show("types", [ets:info(B, type), ets:info(D, type)]),
    ets:delete(B),
    ets:delete(D).

counters() ->
    C = ets:new(c, [set, public]),
    ets:insert(C, {n, 0, 100, x}),
    show("incr", [ets:update_counter(C, n, 1), ets:update_counter(C, n, 5),
                  ets:update_counter(C, n, -10)]),
    show("pos", [ets:update_counter(C, n, {3, 7}), ets:lookup(C, n)]),
    show("threshold", [ets:update_counter(C, n, {2, 10, 5, 0}),
                       ets:update_counter(C, n, {2, -3, -2, 50}),
                       ets:update_counter(C, n, {2, 0, 40, 1})]),
    show("list", [ets:update_counter(C, n, [{2, 1}, {2, 1}, {3, -1}]), ets:update_counter(C, n, []),
                  ets:lookup(C, n)]),
    show("bignum", [ets:update_counter(C, n, {2, 1 bsl 62}), ets:update_counter(C, n, {2, -(1 bsl 62)})]),
    show("default", [ets:update_counter(C, fresh, 1, {other, 10}), ets:lookup(C, fresh),
                     ets:update_counter(C, fresh, {2, 1}, {x, 0}), ets:update_counter(C, new2, [{2, 2}, {3, 3}], {k, 0, 0})]),
    show("errors", [t(fun() -> ets:update_counter(C, missing, 1) end),
                    t(fun() -> ets:update_counter(C, n, {1, 1}) end),
                    t(fun() -> ets:update_counter(C, n, {4, 1}) end),
                    t(fun() -> ets:update_counter(C, n, {5, 1}) end),
                    t(fun() -> ets:update_counter(C, n, {2, a}) end),
                    t(fun() -> ets:update_counter(C, n, [{2, 1}, bad]) end),
                    t(fun() -> ets:update_counter(C, j, 1, {j}) end),
                    ets:lookup(C, n)]),
    O = ets:new(oc, [ordered_set]),
    ets:insert(O, {1, 0}),
    show("ordered counter", [ets:update_counter(O, 1.0, 3), ets:lookup(O, 1)]),
    ets:delete(O),
    ets:delete(C).

elements() ->
    T = ets:new(e, []),
    ets:insert(T, {k, a, b, c}),
    show("update_element", [ets:update_element(T, k, {2, x}), ets:lookup(T, k),
                            ets:update_element(T, k, [{3, y}, {4, [z]}]), ets:lookup(T, k),
                            ets:update_element(T, nope, {2, x}), ets:update_element(T, k, [])]),
    show("update_element errors", [t(fun() -> ets:update_element(T, k, {1, x}) end),
                                   t(fun() -> ets:update_element(T, k, {5, x}) end),
                                   t(fun() -> ets:update_element(T, k, {0, x}) end),
                                   t(fun() -> ets:update_element(T, k, bad) end),
                                   ets:lookup(T, k)]),
    show("lookup_element", [ets:lookup_element(T, k, 4), t(fun() -> ets:lookup_element(T, k, 5) end),
                            t(fun() -> ets:lookup_element(T, nope, 2) end),
                            t(fun() -> ets:lookup_element(T, k, 0) end)]),
    B = ets:new(eb, [bag]),
    ets:insert(B, {k, 1}),
    show("bag update_element", t(fun() -> ets:update_element(B, k, {2, 2}) end)),
    ets:delete(B),
    ets:delete(T).

traversal() ->
    T = ets:new(tr, []),
    ets:insert(T, [{K, K} || K <- lists:seq(1, 50)]),
    Keys = walk(T, ets:first(T)),
    show("walk", lists:sort(Keys)),
    show("last is first", ets:last(T) =:= ets:first(T)),
    show("prev is next", ets:prev(T, 7) =:= ets:next(T, 7)),
    show("next missing", t(fun() -> ets:next(T, 999) end)),
    show("slots", lists:sort(lists:append(slots(T, 0)))),
    show("foldl", lists:sum(ets:foldl(fun({K, _}, Acc) -> [K | Acc] end, [], T))),
    %% Deleting while folding: the fold fixes the table.
    ets:foldl(fun({K, _}, _) when K rem 2 =:= 0 -> ets:delete(T, K); (_, A) -> A end, ok, T),
    show("after deleting evens", lists:sort([K || {K, _} <- ets:tab2list(T)])),
    show("fixed", [ets:safe_fixtable(T, true), ets:info(T, fixed), ets:safe_fixtable(T, false),
                   ets:info(T, fixed), ets:info(T, safe_fixed)]),
    E = ets:new(empty, []),
    show("empty", [ets:first(E), ets:last(E), ets:tab2list(E), ets:info(E, size)]),
    ets:delete(E),
    ets:delete(T).

slots(T, I) ->
    case ets:slot(T, I) of
        '$end_of_table' -> [];
        Objects -> [Objects | slots(T, I + 1)]
    end.

info() ->
    T = ets:new(inf, [bag, public, {keypos, 2}, {read_concurrency, true},
                      {write_concurrency, true}, compressed]),
    ets:insert(T, {a, b}),
    Info = ets:info(T),
    show("keys", [K || {K, _} <- Info]),
    show("values", [{K, V} || {K, V} <- Info, lists:member(K, [name, size, type, keypos,
        protection, named_table, read_concurrency, write_concurrency, compressed, node, heir])]),
    show("id/owner/memory", [proplists:get_value(id, Info) =:= T,
                             proplists:get_value(owner, Info) =:= self(),
                             is_integer(proplists:get_value(memory, Info))]),
    show("info/2", [ets:info(T, K) || K <- [name, size, type, keypos, protection, named_table]]),
    show("info errors", [t(fun() -> ets:info(T, bogus) end), t(fun() -> ets:info(1) end),
                         t(fun() -> ets:info(make_ref()) end), ets:info(no_such_table),
                         ets:info(no_such_table, size)]),
    show("in all", lists:member(T, ets:all())),
    ets:delete(T),
    show("not in all", lists:member(T, ets:all())).

named() ->
    N = ets:new(my_table, [named_table, ordered_set]),
    show("name", N),
    ets:insert(my_table, {1, one}),
    show("by name", [ets:lookup(my_table, 1), ets:info(my_table, named_table)]),
    show("taken", t(fun() -> ets:new(my_table, [named_table]) end)),
    show("unnamed same name", is_reference(ets:new(my_table, []))),
    Ref = ets:whereis(my_table),
    show("whereis", [is_reference(Ref), ets:lookup(Ref, 1), ets:whereis(nobody)]),
    show("in all", lists:member(my_table, ets:all())),
    show("rename", [ets:rename(my_table, renamed), ets:info(renamed, name),
                    ets:whereis(my_table), ets:whereis(renamed) =:= Ref,
                    t(fun() -> ets:lookup(my_table, 1) end), ets:lookup(renamed, 1)]),
    Other = ets:new(other_named, [named_table]),
    show("rename taken", t(fun() -> ets:rename(renamed, Other) end)),
    U = ets:new(unnamed, []),
    show("rename unnamed", [ets:rename(U, other_named) =:= U, ets:info(U, name)]),
    show("delete by name", [ets:delete(renamed), ets:info(renamed), ets:whereis(renamed),
                            is_reference(ets:new(renamed, [named_table]) =:= renamed)]),
    ets:delete(renamed),
    ets:delete(Other),
    ets:delete(U).

other(F) ->
    Self = self(),
    spawn(fun() -> Self ! {result, F()} end),
    receive {result, X} -> X end.

access() ->
    P = ets:new(p, [private]),
    Q = ets:new(q, [protected]),
    U = ets:new(u, [public]),
    [ets:insert(X, {a, 1}) || X <- [P, Q, U]],
    Tabs = [P, Q, U],
    show("read", other(fun() -> [t(fun() -> ets:lookup(X, a) end) || X <- Tabs] end)),
    show("write", other(fun() -> [t(fun() -> ets:insert(X, {b, 2}) end) || X <- Tabs] end)),
    show("info", other(fun() -> [t(fun() -> ets:info(X, size) end) || X <- Tabs] end)),
    show("first", other(fun() -> [t(fun() -> ets:first(X) end) || X <- Tabs] end)),
    show("counter", other(fun() -> [t(fun() -> ets:update_counter(X, a, 1) end) || X <- Tabs] end)),
    show("give_away", other(fun() -> [t(fun() -> ets:give_away(X, self(), x) end) || X <- Tabs] end)),
    show("setopts", other(fun() -> [t(fun() -> ets:setopts(X, {heir, none}) end) || X <- Tabs] end)),
    show("delete", other(fun() -> [t(fun() -> ets:delete(X) end) || X <- Tabs] end)),
    show("after", [ets:info(P, size), ets:info(Q, size), ets:info(U)]),
    ets:delete(P),
    ets:delete(Q).

owners() ->
    Self = self(),
    Owner = spawn(fun() ->
                      T = ets:new(owned, [public]),
                      ets:insert(T, {x, 1}),
                      Self ! {table, T},
                      receive stop -> ok end
                  end),
    T = receive {table, Tab} -> Tab end,
    show("owned", [ets:lookup(T, x), ets:info(T, owner) =:= Owner]),
    Ref = monitor(process, Owner),
    Owner ! stop,
    receive {'DOWN', Ref, process, Owner, normal} -> ok end,
    show("owner gone", [ets:info(T), t(fun() -> ets:lookup(T, x) end)]),
    %% give_away
    G = ets:new(given, [{keypos, 1}]),
    ets:insert(G, {g, 1}),
    Receiver = spawn(fun() ->
                         receive
                             {'ETS-TRANSFER', Tab2, From, Data} ->
                                 Self ! {got, Tab2, From, Data, ets:info(Tab2, owner) =:= self(),
                                         ets:insert(Tab2, {h, 2})},
                                 receive stop -> ok end
                         end
                     end),
    show("give_away", ets:give_away(G, Receiver, gift)),
    receive {got, G2, From, Data, IsOwner, Ins} ->
        show("transfer", [G2 =:= G, From =:= Self, Data, IsOwner, Ins])
    end,
    show("after give", [ets:info(G, owner) =:= Receiver, lists:sort(ets:tab2list(G)),
                        t(fun() -> ets:insert(G, {z}) end),
                        t(fun() -> ets:give_away(G, Self, back) end)]),
    show("give errors", [t(fun() -> ets:give_away(ets:new(x, []), self(), x) end),
                         t(fun() -> ets:give_away(ets:new(x, []), not_a_pid, x) end)]),
    Receiver ! stop,
    %% Heir
    Heir = spawn(fun() -> heir_loop(Self) end),
    Owner2 = spawn(fun() ->
                       T3 = ets:new(inherited, [named_table, {heir, Heir, heir_data}]),
                       ets:insert(T3, {i, 1}),
                       Self ! ready,
                       receive stop -> ok end
                   end),
    receive ready -> ok end,
    show("heir set", ets:info(inherited, heir) =:= Heir),
    Owner2 ! stop,
    receive {heir_got, {'ETS-TRANSFER', Name, From3, HD}, IsOwner3} ->
        show("inherited", [Name, From3 =:= Owner2, HD, IsOwner3, ets:lookup(inherited, i)])
    end,
    Heir ! stop,
    receive heir_done -> ok end,
    show("heir gone", ets:info(inherited)),
    %% setopts
    S = ets:new(s, []),
    show("setopts", [ets:setopts(S, {heir, self(), data}), ets:info(S, heir) =:= self(),
                     ets:setopts(S, [{heir, none}]), ets:info(S, heir),
                     t(fun() -> ets:setopts(S, {heir, not_pid, d}) end),
                     t(fun() -> ets:setopts(S, [{foo, bar}]) end)]),
    ets:delete(S).

heir_loop(Parent) ->
    receive
        {'ETS-TRANSFER', _, _, _} = M ->
            Parent ! {heir_got, M, ets:info(inherited, owner) =:= self()},
            heir_loop(Parent);
        stop ->
            Parent ! heir_done
    end.

errors() ->
    T = ets:new(err, []),
    show("new errors", [t(fun() -> ets:new("name", []) end), t(fun() -> ets:new(x, [bogus]) end),
                        t(fun() -> ets:new(x, [{keypos, 0}]) end), t(fun() -> ets:new(x, [set | x]) end),
                        t(fun() -> ets:new(x, x) end), t(fun() -> ets:new(x, [{heir, foo, x}]) end),
                        t(fun() -> ets:new(x, [{read_concurrency, maybe}]) end)]),
    show("insert errors", [t(fun() -> ets:insert(T, x) end), t(fun() -> ets:insert(T, {}) end),
                           t(fun() -> ets:insert(T, [{a} | b]) end), t(fun() -> ets:insert(T, [{a}, x]) end),
                           ets:lookup(T, a), t(fun() -> ets:insert_new(T, [{b}, 1]) end)]),
    show("bad table", [t(fun() -> ets:lookup(5, a) end), t(fun() -> ets:lookup(no_table, a) end),
                       t(fun() -> ets:lookup(make_ref(), a) end), t(fun() -> ets:whereis("a") end),
                       t(fun() -> ets:delete_object(T, x) end), t(fun() -> ets:safe_fixtable(T, maybe) end),
                       t(fun() -> ets:first(no_table) end), t(fun() -> ets:next(no_table, a) end)]),
    ets:delete(T).

many() ->
    T = ets:new(many, [set]),
    N = 100000,
    lists:foreach(fun(I) -> ets:insert(T, {I, I * I, integer_to_binary(I)}) end, lists:seq(1, N)),
    show("size", ets:info(T, size)),
    Sum = lists:foldl(fun(I, Acc) -> [{I, Sq, _}] = ets:lookup(T, I), Acc + Sq end, 0, lists:seq(1, N)),
    show("sum", Sum),
    show("sample", [ets:lookup(T, 77777), ets:lookup(T, N + 1)]),
    [ets:delete(T, I) || I <- lists:seq(1, N, 2)],
    show("after delete", [ets:info(T, size), ets:member(T, 1), ets:member(T, 2)]),
    O = ets:new(many_o, [ordered_set]),
    ets:insert(O, [{I} || I <- lists:seq(N, 1, -1)]),
    show("ordered", [ets:info(O, size), ets:first(O), ets:last(O), ets:next(O, 500), ets:prev(O, 500)]),
    show("tab2list", length(ets:tab2list(T))),
    ets:delete(T),
    ets:delete(O).
