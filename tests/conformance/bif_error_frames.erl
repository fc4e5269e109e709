-module(bif_error_frames).
-export([main/1]).

%% The first stack trace entry of an error a BIF raises is the BIF with
%% its arguments and BEAM's error_info, as erl_error and shells read it;
%% erlang:error/2,3 put their arguments and error_info in the caller's.

main(_) ->
    Cases = [fun() -> element(5, id({a})) end,
             fun() -> atom_to_list(id(1)) end,
             fun() -> binary_to_term(id(<<1>>)) end,
             fun() -> term_to_binary(id(a), [bad]) end,
             fun() -> lists:reverse(id(a), []) end,
             fun() -> id(1) + id(a) end,
             fun() -> id(1) div id(0) end,
             fun() -> length(id(a)) end,
             fun() -> hd(id([])) end,
             fun() -> list_to_atom(id(1)) end,
             fun() -> binary:split(id(1), <<>>) end,
             fun() -> maps:get(a, id(#{})) end,
             fun() -> maps:find(a, id(1)) end,
             fun() -> erlang:send(id(nope), x) end,
             fun() -> integer_to_list(id(a)) end,
             fun() -> list_to_integer(id("z")) end,
             fun() -> lists:member(1, id(a)) end,
             fun() -> lists:keyfind(a, id(0), []) end,
             fun() -> math:sqrt(id(-1)) end,
             fun() -> persistent_term:get(id(nokey)) end,
             fun() -> re:run(id(1), "a") end,
             fun() -> os:getenv(id(1)) end,
             fun() -> unicode:characters_to_binary(id(a)) end,
             fun() -> binary_to_atom(id(<<255>>), utf8) end,
             fun() -> erlang:system_info(id(nothing)) end,
             fun() -> apply(erlang, element, [id(5), {a}]) end,
             fun() -> (fun erlang:tuple_size/1)(id(a)) end,
             fun() -> erlang:error(foo) end,
             fun() -> erlang:error(foo, [1, 2]) end,
             fun() -> erlang:error(foo, none) end,
             fun() -> erlang:error(foo, notalist) end,
             fun() -> erlang:error(foo, [1], [{error_info, #{cause => x}}]) end,
             fun() -> erlang:error(foo, none, [{error_info, #{a => b}}, other]) end,
             fun() -> erlang:error(foo, [1], bad_options) end,
             fun() -> erlang:raise(error, foo, [{m, f, 1, []}]) end,
             fun() -> exit(id(a)) end,
             fun() -> throw(id(a)) end],
    [io:format("~p~n", [first_entry(C)]) || C <- Cases],
    %% BEAM shows what a long lists:reverse/2 had left when it failed,
    %% earts what it was given: only the function is compared.
    {error, badarg, {lists, reverse, _, Info}} =
        first_entry(fun() -> lists:reverse(lists:seq(1, 10000) ++ id(a)) end),
    io:format("~p~n", [Info]),
    {'EXIT', {badarg, [Entry | _]}} = (catch element(7, id({}))),
    io:format("~p~n", [Entry]),
    ets_causes().

%% ETS says why in error_info's cause; table ids are not printed.
ets_causes() ->
    T = ets:new(t, [set, protected]),
    B = ets:new(b, [bag, public]),
    ets:insert(T, {k, 1, a}),
    Cases = [fun() -> ets:lookup(nosuch, 1) end,
             fun() -> ets:insert(T, {}) end,
             fun() -> ets:update_counter(T, nokey, 1) end,
             fun() -> ets:update_counter(B, k, 1) end,
             fun() -> ets:update_element(T, k, {1, x}) end,
             fun() -> ets:lookup_element(T, nokey, 2) end,
             fun() -> ets:lookup_element(T, k, 9) end,
             fun() -> ets:delete(nosuch) end,
             fun() -> ets:give_away(T, self(), x) end,
             fun() -> ets:first(nosuch) end],
    [io:format("~p~n", [info_of(C)]) || C <- Cases],
    Self = self(),
    spawn(fun() -> Self ! {other, info_of(fun() -> ets:insert(T, {x}) end)} end),
    receive {other, Info} -> io:format("~p~n", [Info]) end.

info_of(Call) ->
    try Call() catch error:Reason:Trace -> {_, F, _, Info} = hd(Trace), {Reason, F, Info} end.

first_entry(Call) ->
    try Call() catch Class:Reason:Trace -> {Class, Reason, hd(Trace)} end.

id(X) -> X.
