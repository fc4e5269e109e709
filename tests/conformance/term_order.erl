%% Term order across types, == vs =:=, sorting mixed lists, max/min across types.
-module(term_order).
-export([main/1]).

main(_) ->
    Mixed = [{1, 2}, [x], "abc", <<"b">>, atom, 42, 3.5, #{a => 1}, {}, [], fun erlang:abs/1, make_ref(), self(), 1 bsl 70, -2],
    Sorted = lists:sort(Mixed),
    p([type(X) || X <- Sorted]),
    p(1 < a),
    p(a < {}),
    p({} < #{}),
    p(#{} < []),
    p([] < <<>>),
    p({1, 2} < {1, 3}),
    p({2} < {1, 1}),
    p([1, 2] < [1, 2, 3]),
    p([2] > [1, 5]),
    p("abc" < "abd"),
    p(<<"abc">> < <<"abd">>),
    p(<<"ab">> < <<"abc">>),
    p(<<1:3>> < <<1>>),
    p(aa < ab),
    p('Z' < a),
    p(1 == 1.0),
    p(1 =:= 1.0),
    p(1 /= 1.0),
    p(1 =/= 1.0),
    p(1 < 1.5),
    p(2 > 1.5),
    p(0.0 == -0.0),
    p(0.0 =:= -0.0),
    p(lists:sort([3, 1.0, 2, 1, 2.0])),
    p(lists:usort([1, 1.0])),
    p(lists:usort([1.0, 1])),
    p(lists:sort([{b, 1}, {a, 2}, {a, 1}, {a}, {a, 1, 0}])),
    p(lists:sort([#{b => 1}, #{a => 2}, #{a => 1, b => 1}, #{c => 0}])),
    p(lists:sort([[], [a], [a, b], [b], "a"])),
    p(max(1, 1.0)),
    p(min(1, 1.0)),
    p(max(1.0, 1)),
    p(max("a", <<"a">>)),
    p(min({a}, [a])),
    p(lists:sort([1 bsl 64, 1 bsl 63, 1.0e19, -1.0e19, -(1 bsl 64)])),
    p(lists:sort(fun(A, B) -> A > B end, [c, a, b])),
    p(erlang:max(abc, abd)),
    p(lists:sort([<<2>>, <<1, 2>>, <<1>>, <<>>, <<1:1>>])),
    p(#{1 => a} < #{1.0 => a}),
    p(#{1 => a} == #{1.0 => a}),
    p(lists:sort([#{1 => a}, #{1.0 => a}])),
    ok.

p(X) -> io:format("~p~n", [X]).

type(X) when is_integer(X) -> integer;
type(X) when is_float(X) -> float;
type(X) when is_atom(X) -> atom;
type(X) when is_reference(X) -> reference;
type(X) when is_function(X) -> 'fun';
type(X) when is_pid(X) -> pid;
type(X) when is_tuple(X) -> tuple;
type(X) when is_map(X) -> map;
type([]) -> nil;
type(X) when is_list(X) -> list;
type(X) when is_binary(X) -> binary.
