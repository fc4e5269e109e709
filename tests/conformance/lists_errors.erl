%% Errors raised by lists and other stdlib functions on bad input, caught and printed as {Class, Reason}.
-module(lists_errors).
-export([main/1]).

main(_) ->
    Checks = [fun() -> lists:zip([1, 2], [a]) end,
              fun() -> lists:nth(0, [a]) end,
              fun() -> lists:sublist(not_a_list, 1) end,
              fun() -> lists:seq(5, 1) end,
              fun() -> lists:seq(1, 2, 0) end,
              fun() -> lists:max([]) end,
              fun() -> lists:min([]) end,
              fun() -> lists:foldl(fun(X, A) -> X + A end, 0, [1, a]) end,
              fun() -> lists:map(not_a_fun, [1]) end,
              fun() -> lists:reverse(improper_list()) end,
              fun() -> length(improper_list()) end,
              fun() -> lists:sum([1, b]) end,
              fun() -> lists:duplicate(-1, x) end,
              fun() -> lists:keyfind(a, 0, [{a}]) end,
              fun() -> lists:split(-1, [1]) end,
              fun() -> lists:flatten(id(atom)) end,
              fun() -> hd(id("")) end,
              fun() -> list_to_tuple(id(atom)) end,
              fun() -> atom_to_list(id("str")) end,
              fun() -> integer_to_list(id(1.0)) end,
              fun() -> lists:append(id(a), [1]) end,
              fun() -> id([1]) ++ id(a) end,
              fun() -> id(a) ++ [1] end,
              fun() -> id([1, 2]) -- id(a) end,
              fun() -> orddict:fetch(missing, []) end,
              fun() -> proplists:get_value(k, id(not_a_list)) end,
              fun() -> maps:from_list([a]) end,
              fun() -> list_to_binary([256]) end,
              fun() -> list_to_binary([-1]) end,
              fun() -> iolist_to_binary([a]) end,
              fun() -> tuple_to_list(id([])) end,
              fun() -> abs(id(a)) end,
              fun() -> float(id("1")) end,
              fun() -> round(id(a)) end],
    [io:format("~2w ~p~n", [I, run(F)]) || {I, F} <- lists:zip(lists:seq(1, length(Checks)), Checks)],
    ok.

id(X) -> X.
improper_list() -> [1, 2 | id(3)].

run(F) ->
    try F() of V -> {ok, V}
    catch C:R -> {C, R}
    end.
