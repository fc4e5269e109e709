-module(ets_match).
-export([main/1]).

%% ETS match specifications: select/match/match_object and their chunked
%% and reverse forms, counting, deleting and replacing, compiled
%% specifications and ets:test_ms/2, on all four table types.

show(What, Value) -> io:format("~s: ~p~n", [What, Value]).

try_(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

sorted(L) when is_list(L) -> lists:sort(L);
sorted(Other) -> Other.

chunks('$end_of_table') -> ['$end_of_table'];
chunks({L, C}) -> [length(L) | chunks(ets:select(C))].

fill(Type, N) ->
    T = ets:new(t, [Type, public]),
    ets:insert(T, [{I, I rem 3, {tag, I}} || I <- lists:seq(1, N)]),
    T.

per_type(Type) ->
    io:format("== ~p~n", [Type]),
    T = fill(Type, 30),
    Ord = fun(L) -> case Type of ordered_set -> L; _ -> sorted(L) end end,
    show("select vars", Ord(ets:select(T, [{{'$1', 1, '_'}, [], ['$1']}]))),
    show("select guard", Ord(ets:select(T, [{{'$1', '$2', '_'}, [{'>', '$1', 25}], [{{'$2', '$1'}}]}]))),
    show("select two clauses", Ord(ets:select(T, [{{'$1', 0, '_'}, [{'<', '$1', 7}], [{{zero, '$1'}}]},
                                           {{'$1', 1, '_'}, [{'<', '$1', 7}], [{{one, '$1'}}]}]))),
    show("select $_", Ord(ets:select(T, [{{'_', 2, {tag, '$1'}}, [{'=<', '$1', 8}], ['$_']}]))),
    show("select $$", Ord(ets:select(T, [{{'$2', '$1', '_'}, [{'==', '$2', 4}], ['$$']}]))),
    show("select bound key", ets:select(T, [{{7, '$1', '$2'}, [], [['$1' | '$2']]}])),
    show("select bound keys", Ord(ets:select(T, [{{7, '_', '_'}, [], ['$_']}, {{9, '_', '_'}, [], ['$_']}]))),
    show("select exit", Ord(ets:select(T, [{{'$1', '_', '$2'}, [{'<', '$1', 3}], [{'+', '$1', '$2'}]}]))),
    show("select reverse", Ord(ets:select_reverse(T, [{{'$1', 1, '_'}, [{'<', '$1', 12}], ['$1']}]))),
    show("match", Ord(ets:match(T, {'$1', 2, '_'}))),
    show("match _", length(ets:match(T, '_'))),
    show("match_object", Ord(ets:match_object(T, {'_', 2, {tag, '_'}}))),
    show("match_object none", ets:match_object(T, {x})),
    show("select []", ets:select(T, [])),
    show("count", ets:select_count(T, [{{'$1', '_', '_'}, [{'>', '$1', 10}], [true]}])),
    show("count non-true", ets:select_count(T, [{{'$1', '_', '_'}, [], ['$1']}])),
    show("chunks 7", chunks(ets:select(T, [{'_', [], ['$_']}], 7))),
    show("chunks 30", chunks(ets:select(T, [{'_', [], ['$_']}], 30))),
    show("chunks 31", chunks(ets:select(T, [{'_', [], ['$_']}], 31))),
    show("chunk end", element(2, ets:select(T, [{'_', [], ['$_']}], 31))),
    show("chunks match", chunks(ets:match(T, {'$1', 1, '_'}, 4))),
    show("chunks match_object", chunks(ets:match_object(T, {'_', 1, '_'}, 4))),
    show("chunks none", ets:select(T, [{{x}, [], [1]}], 4)),
    show("chunks reverse", chunks(ets:select_reverse(T, [{'_', [], ['$_']}], 9))),
    All = collect(ets:select(T, [{{'$1', '_', '_'}, [], ['$1']}], 4)),
    show("chunked all", {length(All), lists:sort(All) =:= lists:seq(1, 30)}),
    case Type of
        ordered_set ->
            show("chunked order", collect(ets:select(T, [{{'$1', '_', '_'}, [], ['$1']}], 8))),
            show("reverse order", collect(ets:select_reverse(T, [{{'$1', '_', '_'}, [], ['$1']}], 8)));
        _ -> ok
    end,
    show("replace", try_(fun() -> ets:select_replace(T, [{{'$1', '$2', '_'}, [{'>', '$1', 27}], [{{'$1', '$2', replaced}}]}]) end)),
    show("replaced", Ord(ets:select(T, [{{'$1', '_', replaced}, [], ['$1']}]))),
    show("replace key change", try_(fun() -> ets:select_replace(T, [{{'$1', '$2', '_'}, [], [{{x, '$2', y}}]}]) end)),
    show("delete", ets:select_delete(T, [{{'$1', '_', '_'}, [{'>', '$1', 20}], [true]}])),
    show("size", ets:info(T, size)),
    show("match_delete", ets:match_delete(T, {'_', 0, '_'})),
    show("left", Ord(ets:select(T, [{{'$1', '_', '_'}, [], ['$1']}]))),
    ets:delete(T),
    ok.

collect('$end_of_table') -> [];
collect({L, C}) -> L ++ collect(ets:select(C)).

bags() ->
    io:format("== bags~n"),
    B = ets:new(b, [bag]),
    ets:insert(B, [{k, 1}, {k, 2}, {k, 3}, {j, 1}]),
    show("bag select", lists:sort(ets:select(B, [{{k, '$1'}, [{'>=', '$1', 2}], ['$1']}]))),
    show("bag delete", ets:select_delete(B, [{{k, 2}, [], [true]}])),
    show("bag left", lists:sort(ets:tab2list(B))),
    D = ets:new(d, [duplicate_bag]),
    ets:insert(D, [{k, 1}, {k, 1}, {k, 2}]),
    show("dbag match", lists:sort(ets:match(D, {k, '$1'}))),
    show("dbag count", ets:select_count(D, [{{k, 1}, [], [true]}])),
    show("dbag delete", ets:select_delete(D, [{{k, 1}, [], [true]}])),
    show("dbag left", ets:tab2list(D)).

keys() ->
    io:format("== keys~n"),
    O = ets:new(o, [ordered_set]),
    ets:insert(O, [{1, a}, {2, b}, {3.0, c}, {"x", d}, {{p, 1}, e}, {{p, 2}, f}, {{q, 1}, g}]),
    show("float key exact", ets:select(O, [{{1.0, '$1'}, [], ['$_']}])),
    show("int for float", ets:select(O, [{{3, '$1'}, [], ['$_']}])),
    show("prefix", ets:select(O, [{{{p, '_'}, '$1'}, [], ['$1']}])),
    show("prefix reverse", ets:select_reverse(O, [{{{p, '$2'}, '$1'}, [], [{{'$2', '$1'}}]}])),
    show("match all", ets:match(O, '$1')),
    S = ets:new(s, [set, {keypos, 2}]),
    ets:insert(S, [{a, 1}, {b, 2}, {c, 3}]),
    show("keypos 2", ets:select(S, [{{'$1', 2}, [], ['$1']}])),
    show("keypos 2 match", lists:sort(ets:match(S, {'$1', '$2'}))).

guards() ->
    io:format("== guards~n"),
    T = ets:new(g, [ordered_set]),
    ets:insert(T, [{1, 1.5, "abc", <<1, 2, 3>>, #{a => 1}, [x, y], self(), -4}]),
    Run = fun(Body) -> ets:select(T, [{{'$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8'}, [], [Body]}]) end,
    Bodies = [{'+', '$1', '$2'}, {'-', '$1'}, {'*', '$8', 3}, {'/', '$1', 4}, {'div', '$8', 3}, {'rem', '$8', 3},
              {'band', 7, 3}, {'bor', 4, 1}, {'bxor', 5, 1}, {'bnot', '$1'}, {'bsl', 1, 70}, {'bsr', 1024, 3},
              {abs, '$8'}, {float, '$1'}, {round, '$2'}, {trunc, '$2'}, {element, 2, '$_'}, {hd, '$6'},
              {tl, '$6'}, {length, '$3'}, {size, '$4'}, {size, '$_'}, {byte_size, '$4'}, {bit_size, '$4'},
              {binary_part, '$4', 1, 2}, {map_get, a, '$5'}, {map_size, '$5'}, {is_map_key, b, '$5'},
              {node}, {node, '$7'}, {'==', {self}, '$7'}, {is_atom, '$1'}, {is_float, '$2'},
              {is_integer, '$1'}, {is_list, '$6'}, {is_number, '$2'}, {is_pid, '$7'}, {is_port, '$7'},
              {is_reference, '$7'}, {is_tuple, '$_'}, {is_map, '$5'}, {is_binary, '$4'},
              {is_function, '$1'}, {is_record, '$_', 1, 8}, {is_record, {{a, b}}, a, 2},
              {'and', true, true, false}, {'or', false, false, true}, {'not', false}, {'xor', true, false},
              {'andalso', true, '$1'}, {'orelse', false, '$2'}, {'andalso', false, {hd, '$1'}},
              {'andalso', x, true}, {'and', true, x},
              {'>', '$1', '$2'}, {'>=', 1, 1.0}, {'<', '$1', a}, {'=<', 2, 1}, {'=:=', 1, 1.0}, {'==', 1, 1.0},
              {'=/=', 1, 1.0}, {'/=', 1, 1.0}, {hd, '$1'}, {'div', 1, 0}, {element, 9, '$_'},
              {const, {'$1', '$2'}}, {{'$1', {{}}, [a | '$1']}}, #{'$1' => '$2', k => {{'$8'}}},
              '$*', '$01', {length, '$$'}, [1, '$1' | '$2'], {map_get, z, '$5'}, {is_record, '$_', '$1', 2}],
    [io:format("~p => ~p~n", [B, Run(B)]) || B <- Bodies],
    Guard = fun(G) -> ets:select(T, [{{'$1', '$2', '_', '_', '_', '_', '_', '_'}, G, [yes]}]) end,
    [io:format("guard ~p => ~p~n", [G, Guard(G)]) ||
        G <- [[], [true], [false], [x], ['$1'], [{const, true}], [{is_integer, '$1'}, {is_float, '$2'}],
              [{is_integer, '$1'}, {is_atom, '$1'}], [{'orelse', {hd, '$1'}, true}], [{'+', '$1', 1}],
              [{'andalso', true, true}], [{'orelse', false, 7}], [{'==', {'+', '$1', '$2'}, 2.5}]]],
    show("fall through", ets:select(T, [{{'$1', '_', '_', '_', '_', '_', '_', '_'}, [{hd, '$1'}], [first]},
                                        {'_', [], [second]}])),
    show("body list", ets:select(T, [{'_', [], [a, b, c]}])).

errors() ->
    io:format("== errors~n"),
    T = ets:new(e, [set]),
    ets:insert(T, {1, 2}),
    Bad = [x, [x], [{'_', [], []}], [{'_', x, [1]}], [{'_', [], [{foo, 1}]}], [{'_', [], ['$1']}],
           [{'_', [], [{}]}], [{'_', [], [{1, 2}]}], [{'_', [], [{const, 1, 2}]}], [{'_', [], [{self, 1}]}],
           [{'_', [], [{'andalso'}]}], [{'_', [], [{message, 1}]}], [{'_', [], [{get_tcw}]}],
           [{{#{'$1' => 1}}, [], [1]}], [{'_', [], [1]} | x], [{'_', []}], [{'_', [], [{is_boolean, 1}]}],
           [{'_', [], [{tuple_size, 1}]}], [{'_', [], [{'$$'}]}]],
    [begin
         show(io_lib:format("select ~w", [B]), try_(fun() -> ets:select(T, B) end)),
         show("test_ms", ets:test_ms({1, 2}, B))
     end || B <- Bad],
    show("limit 0", try_(fun() -> ets:select(T, [{'_', [], [1]}], 0) end)),
    show("limit x", try_(fun() -> ets:select(T, [{'_', [], [1]}], x) end)),
    show("bad continuation", try_(fun() -> ets:select(foo) end)),
    show("bad continuation 2", try_(fun() -> ets:select({a, b}) end)),
    show("end", ets:select('$end_of_table')),
    show("match end", ets:match('$end_of_table')),
    show("no table", try_(fun() -> ets:select(nosuch, [{'_', [], [1]}]) end)),
    show("no table match", try_(fun() -> ets:match(nosuch, '_') end)),
    O = fill(ordered_set, 10),
    {_, C} = ets:select(O, [{'_', [], ['$_']}], 2),
    ets:delete(O),
    show("deleted table", try_(fun() -> ets:select(C) end)),
    P = ets:new(p, [private]),
    Self = self(),
    spawn(fun() -> Self ! {other, try_(fun() -> ets:select(P, [{'_', [], [1]}]) end),
                                  try_(fun() -> ets:select_count(P, [{'_', [], [true]}]) end)} end),
    receive {other, R1, R2} -> show("private", {R1, R2}) end,
    Q = ets:new(q, [protected]),
    spawn(fun() -> Self ! {other, try_(fun() -> ets:select(Q, [{'_', [], [1]}]) end),
                                  try_(fun() -> ets:select_delete(Q, [{'_', [], [true]}]) end)} end),
    receive {other, R3, R4} -> show("protected", {R3, R4}) end.

compiled() ->
    io:format("== compiled~n"),
    MS = ets:match_spec_compile([{{'$1', '$2'}, [{is_integer, '$1'}], [{{'$2', '$1'}}]}]),
    show("is_compiled", {ets:is_compiled_ms(MS), ets:is_compiled_ms(make_ref()), ets:is_compiled_ms(x)}),
    show("run", ets:match_spec_run([{1, a}, {b, 2}, {3, c}, x, [1]], MS)),
    show("run_r", ets:match_spec_run_r([{1, a}, {2, b}], MS, [z])),
    show("run_r improper", try_(fun() -> ets:match_spec_run_r([{1, a} | x], MS, []) end)),
    show("run_r bad ms", try_(fun() -> ets:match_spec_run_r([{1, a}], x, []) end)),
    show("compile bad", try_(fun() -> ets:match_spec_compile([{'_', [], [{foo}]}]) end)),
    show("compile []", try_(fun() -> ets:match_spec_compile([]) end)),
    show("test_ms", ets:test_ms({1, a}, [{{'$1', '$2'}, [], [{{'$2', '$1'}}]}])),
    show("test_ms no match", ets:test_ms({1, a}, [{{'$1'}, [], [x]}])),
    show("test_ms not tuple", ets:test_ms(x, [{'$1', [], ['$1']}])),
    show("match_spec_test", erlang:match_spec_test({1, 2}, [{{'$1', '_'}, [], ['$1']}], table)),
    show("match_spec_test bad", try_(fun() -> erlang:match_spec_test({1, 2}, [], foo) end)),
    show("match_spec_test trace", erlang:match_spec_test([1, 2], [{['$1', '_'], [], ['$1']}], trace)).

main(_) ->
    [per_type(Type) || Type <- [set, ordered_set, bag, duplicate_bag]],
    bags(),
    keys(),
    guards(),
    errors(),
    compiled().
