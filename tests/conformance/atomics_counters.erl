%% atomics and counters over OTP's own atomics.beam and counters.beam:
%% every operation, signed and unsigned wrap-around at 64 bits, BEAM's
%% errors, the array shared between processes (in messages and ETS),
%% magic references behaving as references, and 200,000 arrays made in a
%% loop and freed by the collector, as are compiled match specifications.
-module(atomics_counters).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.

show(Label, Value) -> io:format("~s: ~p~n", [Label, Value]).

-define(MAX64, 18446744073709551615).
-define(SMAX, 9223372036854775807).
-define(SMIN, -9223372036854775808).

main(_) ->
    basics(),
    signed_wrap(),
    unsigned_wrap(),
    atomics_errors(),
    references(),
    counters_basics(),
    counters_errors(),
    shared(),
    many(),
    match_specs().

basics() ->
    A = atomics:new(3, []),
    show("is_reference", is_reference(A)),
    show("info", atomics:info(A)),
    show("get fresh", [atomics:get(A, I) || I <- [1, 2, 3]]),
    show("put", [atomics:put(A, 1, 10), atomics:get(A, 1)]),
    show("add", [atomics:add(A, 1, 5), atomics:get(A, 1)]),
    show("add_get", atomics:add_get(A, 1, -20)),
    show("sub", [atomics:sub(A, 1, 5), atomics:get(A, 1)]),
    show("sub_get", atomics:sub_get(A, 1, -100)),
    show("exchange", [atomics:exchange(A, 2, 42), atomics:get(A, 2)]),
    show("compare_exchange ok", [atomics:compare_exchange(A, 2, 42, 7), atomics:get(A, 2)]),
    show("compare_exchange fail", [atomics:compare_exchange(A, 2, 42, 8), atomics:get(A, 2)]),
    show("big values", [atomics:put(A, 3, 1 bsl 62), atomics:add_get(A, 3, 1 bsl 61),
                        atomics:exchange(A, 3, -(1 bsl 62)), atomics:get(A, 3)]),
    U = atomics:new(1000, [{signed, false}]),
    show("unsigned info", atomics:info(U)),
    show("signed true info", atomics:info(atomics:new(1, [{signed, true}]))),
    show("last option wins", atomics:info(atomics:new(1, [{signed, false}, {signed, true}]))),
    show("unsigned last", [atomics:put(U, 1000, ?MAX64), atomics:get(U, 1000)]).

signed_wrap() ->
    A = atomics:new(1, []),
    atomics:put(A, 1, ?SMAX),
    show("max + 1", atomics:add_get(A, 1, 1)),
    show("min - 1", atomics:sub_get(A, 1, 1)),
    show("add 2^64-1", atomics:add_get(A, 1, ?MAX64)),
    show("sub -2^63", [atomics:sub(A, 1, ?SMIN), atomics:get(A, 1)]),
    show("add min", atomics:add_get(A, 1, ?SMIN)),
    show("exchange min", [atomics:exchange(A, 1, ?SMIN), atomics:get(A, 1)]),
    show("compare_exchange min", [atomics:compare_exchange(A, 1, ?SMIN, -1),
                                  atomics:compare_exchange(A, 1, 0, 1)]).

unsigned_wrap() ->
    U = atomics:new(2, [{signed, false}]),
    show("0 - 1", atomics:sub_get(U, 1, 1)),
    show("max + 1", atomics:add_get(U, 1, 1)),
    show("add -1", atomics:add_get(U, 1, -1)),
    show("add min", atomics:add_get(U, 1, ?SMIN)),
    show("sub 2^63", [atomics:sub(U, 2, 1 bsl 63), atomics:get(U, 2)]),
    show("exchange max", [atomics:exchange(U, 2, ?MAX64), atomics:get(U, 2)]),
    show("compare_exchange max", [atomics:compare_exchange(U, 2, ?MAX64, 0),
                                  atomics:compare_exchange(U, 2, ?MAX64, 1)]),
    show("sub_get -(2^64-1)", atomics:sub_get(U, 2, -?MAX64)).

atomics_errors() ->
    A = atomics:new(2, []),
    U = atomics:new(2, [{signed, false}]),
    show("new", [t(fun() -> atomics:new(N, O) end)
                 || {N, O} <- [{0, []}, {-1, []}, {1.0, []}, {a, []}, {1, [foo]}, {1, foo},
                               {1, [{signed, maybe}]}, {1, [{signed, false} | bad]},
                               {1 bsl 64, []}, {-(1 bsl 64), []}]]),
    show("erts_internal new", [t(fun() -> erts_internal:atomics_new(N, O) end)
                               || {N, O} <- [{0, 1}, {1, -1}, {a, 1}, {1, a}]]),
    show("index", [t(fun() -> atomics:get(A, I) end) || I <- [0, 3, -1, a, 1.0, 1 bsl 70]]),
    show("not atomics", [t(fun() -> atomics:get(R, 1) end)
                         || R <- [foo, make_ref(), self(), {atomics, A},
                                  element(2, counters:new(1, [write_concurrency]))]]),
    show("signed put", [t(fun() -> atomics:put(A, 1, V) end)
                        || V <- [1 bsl 63, ?SMIN - 1, ?MAX64, a, 1.0]]),
    show("unsigned put", [t(fun() -> atomics:put(U, 1, V) end)
                          || V <- [-1, 1 bsl 64, ?MAX64, ?SMIN]]),
    show("add", [t(fun() -> atomics:add(A, 1, V) end) || V <- [1 bsl 64, ?SMIN - 1, a, 1.5]]),
    show("add_get", [t(fun() -> atomics:add_get(U, 1, V) end) || V <- [1 bsl 64, ?SMIN - 1, a]]),
    show("sub", [t(fun() -> atomics:sub(A, 1, V) end) || V <- [1 bsl 63 + 1, -(1 bsl 64), 1.0, a]]),
    show("sub_get", [t(fun() -> atomics:sub_get(A, 1, V) end) || V <- [1 bsl 64, a]]),
    show("exchange", [t(fun() -> atomics:exchange(A, 1, ?MAX64) end),
                      t(fun() -> atomics:exchange(U, 1, -1) end),
                      t(fun() -> atomics:exchange(A, 9, 1) end)]),
    show("compare_exchange", [t(fun() -> atomics:compare_exchange(A, 1, ?MAX64, 0) end),
                              t(fun() -> atomics:compare_exchange(A, 1, 0, 1 bsl 63) end),
                              t(fun() -> atomics:compare_exchange(U, 1, -1, 0) end),
                              t(fun() -> atomics:compare_exchange(U, 1, 0, a) end),
                              t(fun() -> atomics:compare_exchange(A, 0, 0, 0) end)]),
    show("info", [t(fun() -> atomics:info(R) end) || R <- [foo, make_ref(), 1]]),
    show("untouched", [atomics:get(A, 1), atomics:get(U, 1)]).

references() ->
    A = atomics:new(1, []),
    B = atomics:new(1, []),
    R = make_ref(),
    show("equal", [A =:= A, A == A, A =:= B, A =/= R, is_reference(B)]),
    show("ordered", [lists:sort([A, B]) =:= lists:sort([B, A]), length(lists:usort([A, B, A]))]),
    show("phash2", erlang:phash2(A) =:= erlang:phash2(A)),
    Bin = term_to_binary(A),
    show("external", [byte_size(Bin), binary:part(Bin, 0, 3), binary_to_term(Bin) =:= A,
                      erlang:phash2(binary_to_term(Bin)) =:= erlang:phash2(A)]),
    show("text", [lists:prefix("#Ref<0.", ref_to_list(A)),
                  lists:prefix("#Ref<", lists:flatten(io_lib:format("~p", [A])))]),
    M = #{A => one, B => two},
    show("map keys", [maps:get(A, M), maps:get(B, M), maps:size(M)]),
    show("in a tuple", element(1, {A}) =:= A).

counters_basics() ->
    C = counters:new(3, []),
    show("atomics kind", [element(1, C), is_reference(element(2, C))]),
    show("info", counters:info(C)),
    show("ops", [counters:add(C, 1, 5), counters:sub(C, 1, 2), counters:get(C, 1),
                 counters:put(C, 2, -7), counters:get(C, 2), counters:get(C, 3)]),
    counters:put(C, 3, ?SMAX),
    show("wrap", [counters:add(C, 3, 1), counters:get(C, 3), counters:sub(C, 3, 1),
                  counters:get(C, 3)]),
    W = counters:new(2, [write_concurrency]),
    show("write_concurrency kind", [element(1, W), is_reference(element(2, W))]),
    Info = counters:info(W),
    show("wc info", [maps:get(size, Info), is_integer(maps:get(memory, Info)),
                     lists:sort(maps:keys(Info))]),
    show("wc ops", [counters:add(W, 1, 5), counters:sub(W, 1, 2), counters:get(W, 1),
                    counters:put(W, 2, -7), counters:get(W, 2)]),
    counters:put(W, 1, ?SMAX),
    show("wc wrap", [counters:add(W, 1, 1), counters:get(W, 1), counters:sub(W, 1, 1),
                     counters:get(W, 1), counters:add(W, 1, ?MAX64), counters:get(W, 1),
                     counters:sub(W, 1, 1 bsl 63), counters:get(W, 1)]),
    show("atomics option", element(1, counters:new(1, [atomics]))).

counters_errors() ->
    C = counters:new(1, []),
    W = counters:new(1, [write_concurrency]),
    show("new", [t(fun() -> counters:new(N, O) end)
                 || {N, O} <- [{0, []}, {-1, []}, {1.0, []}, {1, [foo]}, {1, foo},
                               {1, [atomics, write_concurrency]},
                               {1, [write_concurrency, atomics]}, {1 bsl 64, []},
                               {1 bsl 64, [write_concurrency]}, {0, [write_concurrency]}]]),
    show("erts_internal new", [t(fun() -> erts_internal:counters_new(N) end)
                               || N <- [0, -1, a, 1 bsl 64]]),
    show("index", [t(fun() -> counters:get(X, I) end) || X <- [C, W], I <- [0, 2, a]]),
    show("not counters", [t(fun() -> counters:get(X, 1) end)
                          || X <- [foo, {atomics, foo}, {foo, element(2, C)},
                                   {write_concurrency, element(2, C)},
                                   {atomics, element(2, W)}, {atomics, make_ref()}]]),
    show("wc put", [t(fun() -> counters:put(W, 1, V) end) || V <- [1 bsl 63, ?SMIN - 1, ?MAX64, a]]),
    show("wc add", [t(fun() -> counters:add(W, 1, V) end) || V <- [1 bsl 64, ?SMIN - 1, 1.0]]),
    show("wc sub", [t(fun() -> counters:sub(W, 1, V) end) || V <- [1 bsl 63 + 1, a]]),
    show("put", [t(fun() -> counters:put(C, 1, V) end) || V <- [1 bsl 63, ?MAX64]]),
    show("info", [t(fun() -> counters:info(X) end)
                  || X <- [foo, {atomics, make_ref()}, {write_concurrency, element(2, C)}]]),
    show("internal", [t(fun() -> erts_internal:counters_get(element(2, C), 1) end),
                      t(fun() -> erts_internal:counters_add(element(2, W), 1, 1) end),
                      counters:get(W, 1)]).

%% Workers add to one array and one counter concurrently; the totals are
%% exact. The array also crosses processes in messages and through ETS.
shared() ->
    A = atomics:new(2, [{signed, false}]),
    C = counters:new(1, [write_concurrency]),
    Workers = 8,
    Rounds = 5000,
    Parent = self(),
    Pids = [spawn(fun() -> work(A, C, Rounds), Parent ! {done, self()} end)
            || _ <- lists:seq(1, Workers)],
    [receive {done, Pid} -> ok end || Pid <- Pids],
    show("atomics total", [atomics:get(A, 1), atomics:get(A, 2)]),
    show("counters total", counters:get(C, 1)),
    Echo = spawn(fun() -> receive {From, Ref} -> atomics:add(Ref, 1, 1000), From ! {back, Ref} end end),
    Echo ! {self(), A},
    Back = receive {back, R} -> R end,
    show("message round trip", [Back =:= A, atomics:get(Back, 1), atomics:get(A, 1)]),
    T = ets:new(t, [set, public]),
    ets:insert(T, {array, A}),
    [{array, FromEts}] = ets:lookup(T, array),
    atomics:add(FromEts, 2, 1),
    show("through ets", [FromEts =:= A, atomics:get(A, 2)]),
    ets:delete(T),
    Owner = spawn(fun() -> receive {From2, give} -> From2 ! {array, atomics:new(1, [])} end end),
    Owner ! {self(), give},
    Orphan = receive {array, O} -> O end,
    Mon = monitor(process, Owner),
    receive {'DOWN', Mon, process, Owner, _} -> ok end,
    show("outlives its creator", [atomics:add_get(Orphan, 1, 3), atomics:get(Orphan, 1)]).

work(_A, _C, 0) ->
    ok;
work(A, C, N) ->
    atomics:add(A, 1, 1),
    cas_increment(A, 2),
    counters:add(C, 1, 2),
    work(A, C, N - 1).

cas_increment(A, Ix) ->
    Old = atomics:get(A, Ix),
    case atomics:compare_exchange(A, Ix, Old, Old + 1) of
        ok -> ok;
        _ -> cas_increment(A, Ix)
    end.

%% 200,000 arrays of 100 cells (160 MB if none were freed).
many() ->
    Sum = many(200000, 0),
    show("many", Sum),
    Counters = [counters:new(4, [write_concurrency]) || _ <- lists:seq(1, 1000)],
    show("many counters", lists:sum([begin counters:add(X, 4, 1), counters:get(X, 4) end
                                     || X <- Counters])).

many(0, Sum) ->
    Sum;
many(N, Sum) ->
    A = atomics:new(100, []),
    atomics:put(A, 100, N),
    many(N - 1, Sum + atomics:add_get(A, 100, 1)).

%% Compiled match specifications are magic references too, of their own
%% kind.
match_specs() ->
    MS = ets:match_spec_compile([{{'$1', '$2'}, [], [{{'$2', '$1'}}]}]),
    A = atomics:new(1, []),
    show("kinds", [is_reference(MS), ets:is_compiled_ms(MS), ets:is_compiled_ms(A),
                   t(fun() -> atomics:get(MS, 1) end),
                   t(fun() -> ets:match_spec_run([{1, 2}], A) end)]),
    Self = self(),
    spawn(fun() -> Self ! {ms, ets:match_spec_run([{a, b}], MS)} end),
    show("run elsewhere", receive {ms, Run} -> Run end),
    show("many compiled", compile_many(20000, 0)).

compile_many(0, Count) ->
    Count;
compile_many(N, Count) ->
    MS = ets:match_spec_compile([{{'$1', N}, [], ['$1']}]),
    compile_many(N - 1, Count + length(ets:match_spec_run([{x, N}, {y, 0}], MS))).
