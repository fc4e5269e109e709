-module(tuples_atoms).
-export([main/1]).

main(_) ->
    T = {a, b, c, d},
    p(element(1, T)),
    p(element(4, T)),
    p(setelement(2, T, x)),
    p(tuple_size(T)),
    p(size(T)),
    p(erlang:make_tuple(3, z)),
    p(tuple_to_list(T)),
    p(list_to_tuple([1, [2], {3}])),
    p(try element(0, T) catch error:E -> E end),
    p(try setelement(9, T, x) catch error:E2 -> E2 end),
    p(try erlang:make_tuple(-1, a) catch error:E3 -> E3 end),
    p(swap({1, 2})),
    p(rotate({1, 2, 3})),
    p(atom_to_list(hello)),
    p(list_to_atom("with space")),
    p(atom_to_binary('quoted-atom')),
    p(binary_to_atom(<<"from_bin">>)),
    p(list_to_existing_atom("ok")),
    p(try list_to_existing_atom("surely_not_an_existing_atom_xyz") catch error:E4 -> E4 end),
    p(is_atom(true)),
    p(is_boolean(false)),
    p(is_boolean(maybe)),
    p(length(atom_to_list('ünicode'))),
    p(atom_to_list('ünicode')),
    p(atom_to_binary('ünicode', utf8)),
    p(atom_to_binary('ünicode', latin1)),
    p([true and false, true or false, not true, true xor true, false xor true]),
    p(try id(1) and true catch error:E5 -> E5 end),
    p(lists:sort([zebra, apple, 'Apple', '_x', 'a b'])),
    p(erlang:atom_to_list(?MODULE)),
    p({?MODULE, ?LINE > 0, ?FUNCTION_NAME, ?FUNCTION_ARITY}),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
swap({A, B}) -> {B, A}.
rotate({A, B, C}) -> {B, C, A}.
