%% BIFs called through `fun erlang:F/A`, `apply/3` and run-time module
%% names, as compiled code calls any Erlang function.
-module(apply_bifs).
-export([main/1]).

main(Args) ->
    Length = fun erlang:length/1,
    erlang:display(Length(Args)),
    erlang:display(apply(id(erlang), element, [2, {a, b, c}])),
    erlang:display(apply(erlang, id(self), []) =:= self()),
    erlang:display(lists:map(fun erlang:atom_to_list/1, [a, bb])),
    erlang:display(apply(erlang, id(setelement), [1, {a}, b])),
    Lists = id(lists),
    erlang:display(Lists:reverse([1, 2, 3], [4])),
    erlang:display(lists:foldl(fun erlang:max/2, 0, [3, 9, 2])),
    Plus = fun erlang:'+'/2,
    erlang:display(Plus(1, 2)),
    erlang:display(lists:zipwith(fun erlang:'*'/2, [1, 2, 3], [4, 5, 6])),
    erlang:display(caught(fun() -> apply(erlang, id(length), [x]) end)),
    erlang:display(caught(fun() -> apply(erlang, id(no_such_bif), [x]) end)),
    erlang:display(caught(fun() -> Plus(a, 1) end)),
    erlang:display(caught(fun() -> apply(erlang, id(make_tuple), [3, z, [{1, a}, {3, c}]]) end)),
    erlang:display(caught(fun() -> apply(lists, id(keyfind), [b, 1, [{a, 1}, {b, 2}]]) end)),
    erlang:display(erlang:is_function(fun erlang:length/1, 1)),
    Pid = spawn(erlang, display, [spawned]),
    erlang:display(is_pid(Pid)).

caught(F) ->
    try F() catch Class:Reason -> {Class, Reason} end.

id(X) -> X.
