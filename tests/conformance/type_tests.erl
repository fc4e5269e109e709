%% Guard type tests on every kind of term, and tuples updated in place.
-module(type_tests).
-export([main/1]).

main(Args) ->
    Values = [1, 1 bsl 80, 2.5, atom, [], [x], {t}, <<1, 2>>, <<1:3>>, #{k => v}, self(), Args,
              fun() -> ok end, fun lists:reverse/1],
    erlang:display([kinds(V) || V <- Values]),
    erlang:display(set_second({a, b, c}, new)).

kinds(V) ->
    [K || {K, true} <- [{integer, is_integer(V)}, {float, is_float(V)}, {number, is_number(V)},
                        {atom, is_atom(V)}, {list, is_list(V)}, {tuple, is_tuple(V)},
                        {binary, is_binary(V)}, {bitstring, is_bitstring(V)}, {map, is_map(V)},
                        {pid, is_pid(V)}, {function, is_function(V)}, {function0, is_function(V, 0)}]].

set_second(T, X) -> setelement(2, T, X).
