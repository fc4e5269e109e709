%% Dynamic calls: apply/2,3 with run-time module and function names, Mod:Fun(Args), fun M:F/A from variables, undef.
-module(apply_dynamic).
-export([main/1, double/1, add/2, dispatch/2]).

main(_) ->
    M = ?MODULE,
    F = double,
    p(M:F(21)),
    p(apply(M, add, [1, 2])),
    p(apply(fun ?MODULE:add/2, [3, 4])),
    Mods = [lists, erlang],
    p([apply(Mod, length_of(Mod), [[a, b, c]]) || Mod <- Mods]),
    Fn = fun M:F/1,
    p(Fn(5)),
    p([dispatch(Op, {6, 3}) || Op <- ['+', '-', '*', 'div', unknown]]),
    p(run(fun() -> apply(id(M), list_to_atom(lists:reverse("nuf_hcus_on")), []) end)),
    p(run(fun() -> apply(list_to_atom(lists:reverse("zyx_eludom_hcus_on")), foo, [1]) end)),
    p(run(fun() -> (id(M)):double(1, 2) end)),
    p(run(fun() -> (id(lists)):reverse(not_a_list) end)),
    p(run(fun() -> apply(M, double, not_a_list) end)),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.

double(X) -> 2 * X.
add(A, B) -> A + B.

length_of(lists) -> flatlength;
length_of(erlang) -> length.

dispatch(Op, {A, B}) ->
    try erlang:Op(A, B)
    catch error:undef -> {undef, Op}
    end.

run(F) ->
    try F() of V -> {ok, V}
    catch C:R -> {C, R}
    end.
