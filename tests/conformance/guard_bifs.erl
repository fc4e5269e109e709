%% Guard BIFs (binary_part/3 and size/1 in guards are not in earts yet): map_get/is_map_key, element/tuple_size, bit/byte_size, float/trunc/round, abs, hd/tl, length in guards.
-module(guard_bifs).
-export([main/1]).

main(_) ->
    p([m(X) || X <- [#{type => a}, #{type => b, n => 5}, #{n => 1}, #{}, not_map]]),
    p([t(X) || X <- [{1, 2}, {x, y, z}, {}, [1]]]),
    p([b(X) || X <- [<<>>, <<1>>, <<1, 2, 3, 4>>, <<1:4>>, "s"]]),
    p([n(X) || X <- [1, 1.5, -2.7, 10, 1 bsl 65, a]]),
    p([l(X) || X <- [[], [1], [1, 2, 3], [a | b], "abc"]]),
    p([cmp(X, Y) || {X, Y} <- [{1, 1.0}, {1, 2}, {a, a}, {"a", <<"a">>}]]),
    p([xor_guard(A, B) || A <- [true, false], B <- [true, false]]),
    p([node_guard(X) || X <- [self(), a]]),
    p([size_guard(X) || X <- [{a, b}, <<"ab">>, "ab"]]),
    ok.

p(X) -> io:format("~p~n", [X]).

m(M) when is_map(M), map_get(type, M) =:= a -> type_a;
m(M) when is_map_key(type, M), map_get(n, M) > 3 -> type_with_big_n;
m(M) when is_map(M), map_size(M) > 0 -> other_map;
m(M) when M =:= #{} -> empty;
m(_) -> not_map.

t(T) when tuple_size(T) =:= 2, element(1, T) < element(2, T) -> ordered_pair;
t(T) when tuple_size(T) =:= 3 -> {triple, element(3, T)};
t(T) when is_tuple(T) -> other_tuple;
t(_) -> no.

b(B) when byte_size(B) =:= 0 -> empty;
b(B) when is_binary(B), byte_size(B) < 4 -> short;
b(B) when is_bitstring(B), bit_size(B) rem 8 =/= 0 -> bits;
b(_) -> other.

n(X) when is_integer(X), X > 1 bsl 64 -> huge;
n(X) when is_float(X), trunc(X) =:= 1 -> one_ish;
n(X) when is_float(X), round(X) =:= -3 -> minus_three_ish;
n(X) when is_number(X), float(X) =:= 1.0 -> exactly_one;
n(X) when is_number(X), abs(X) >= 10 -> big;
n(_) -> other.

l(L) when L =:= [] -> empty;
l(L) when is_list(L), length(L) =:= 1 -> single;
l([H | T]) when is_integer(H), hd(T) =:= $b -> string_like;
l([_ | T]) when not is_list(T) -> improper;
l(L) when length(L) > 2 -> long;
l(_) -> other.

cmp(X, Y) when X =:= Y -> exact;
cmp(X, Y) when X == Y -> equal;
cmp(X, Y) when X < Y -> less;
cmp(_, _) -> greater.

xor_guard(A, B) when A xor B -> one;
xor_guard(A, B) when A and B -> both;
xor_guard(_, _) -> neither.

node_guard(P) when is_pid(P), node(P) =:= node() -> local_pid;
node_guard(_) -> not_pid.

size_guard(X) when tuple_size(X) =:= 2 -> size2;
size_guard(_) -> other.
