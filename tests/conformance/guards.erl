%% Guards: type tests, arithmetic and boolean guards, orelse/andalso, guard BIFs, failing guards.
-module(guards).
-export([main/1]).

main(_) ->
    Vals = [0, 1, -5, 2.5, foo, "ab", <<"ab">>, {1, 2}, [], [1], #{a => 1},
            fun() -> ok end, self(), make_ref(), 1 bsl 80, true, <<1:3>>],
    [io:format("~p~n", [[kind(V), size_kind(V), small(V), tricky(V)]]) || V <- Vals],
    io:format("~p~n", [[range(N) || N <- [-1, 0, 5, 10, 11, 100]]]),
    io:format("~p~n", [[semi(N) || N <- [1, 2, 3, 4, a]]]),
    io:format("~p~n", [[bad_guard(X) || X <- [1, a, {1}, [1, 2]]]]),
    io:format("~p~n", [[ops(X, Y) || X <- [1, 2, 3], Y <- [1, 2, 3.0]]]),
    io:format("~p~n", [[is_even(N) || N <- lists:seq(-3, 3)]]),
    io:format("~p~n", [[rec_guard(X) || X <- [{r, 1}, {r, 1, 2}, r, {s, 1}]]]),
    ok.

kind(X) when is_integer(X) -> integer;
kind(X) when is_float(X) -> float;
kind(X) when is_boolean(X) -> boolean;
kind(X) when is_atom(X) -> atom;
kind(X) when is_binary(X) -> binary;
kind(X) when is_bitstring(X) -> bitstring;
kind(X) when is_list(X) -> list;
kind(X) when is_tuple(X) -> tuple;
kind(X) when is_map(X) -> map;
kind(X) when is_function(X, 0) -> fun0;
kind(X) when is_pid(X) -> pid;
kind(X) when is_reference(X) -> ref;
kind(_) -> other.

size_kind(X) when tuple_size(X) > 1 -> big_tuple;
size_kind(X) when byte_size(X) >= 2 -> big_bin;
size_kind(X) when length(X) > 1 -> long_list;
size_kind(X) when map_size(X) > 0 -> nonempty_map;
size_kind(X) when bit_size(X) =:= 3 -> three_bits;
size_kind(_) -> nothing.

small(X) when is_number(X), abs(X) < 3 -> small;
small(X) when is_number(X), X > 1000000 -> huge;
small(X) when is_number(X) -> number;
small(_) -> not_number.

tricky(X) when X == 0; X == 1 -> zero_or_one;
tricky(X) when is_list(X) andalso hd(X) == $a -> starts_a;
tricky(X) when is_atom(X) orelse is_binary(X) -> atom_or_bin;
tricky(X) when not is_tuple(X) -> not_tuple;
tricky(_) -> tuple.

range(N) when N >= 0, N =< 10 -> in;
range(_) -> out.

semi(N) when N rem 2 =:= 0; N =:= 3 -> yes;
semi(_) -> no.

bad_guard(X) when hd(X) > 0 -> list_head_pos;
bad_guard(X) when element(1, X) =:= 1 -> tuple_first_one;
bad_guard(X) when X + 1 > 0 -> num;
bad_guard(_) -> fallback.

ops(X, Y) when X == Y -> eq;
ops(X, Y) when X < Y -> lt;
ops(X, Y) when X div 1 > Y -> gt;
ops(_, _) -> other.

is_even(N) when N band 1 == 0 -> even;
is_even(_) -> odd.

rec_guard(T) when is_tuple(T), tuple_size(T) == 2, element(1, T) == r -> is_r;
rec_guard(T) when is_record(T, r, 3) -> is_r3;
rec_guard(_) -> no.
