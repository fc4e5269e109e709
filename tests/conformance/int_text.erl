%% Integer <-> text conversions in many bases, and integer arithmetic corner cases.
-module(int_text).
-export([main/1]).

main(_) ->
    Ns = [0, 1, -1, 7, 255, -256, 1000000, 1 bsl 64, -(1 bsl 100) + 1],
    [p({integer_to_list(N), integer_to_list(N, 2), integer_to_list(N, 16), integer_to_list(N, 36)}) || N <- Ns],
    p(list_to_integer("12345")),
    p(list_to_integer("-0012")),
    p(list_to_integer("+7")),
    p(list_to_integer("ff", 16)),
    p(list_to_integer("FF", 16)),
    p(list_to_integer("zz", 36)),
    p(list_to_integer("-101", 2)),
    p(try list_to_integer("12a") catch error:E -> E end),
    p(try list_to_integer("") catch error:E2 -> E2 end),
    p(try integer_to_list(10, 37) catch error:E4 -> E4 end),
    p(string:to_lower(integer_to_list(3735928559, 16))),
    p([7 div 2, -7 div 2, 7 div -2, -7 div -2]),
    p([7 rem 2, -7 rem 2, 7 rem -2, -7 rem -2]),
    p([abs(-5), abs(5), -(-3)]),
    p([max(1, 2), min(1, 2), max(a, 1), min(1.0, 1)]),
    p([1 band 3, 1 bor 2, 5 bxor 3, bnot 0, bnot -1]),
    p([1 bsl 10, 1024 bsr 3, -16 bsr 2, -1 bsr 10, 5 bsl -1]),
    p([16#FF, 8#777, 2#1010, 36#ZZ, $A, $\n]),
    p(1_000_000 + 2_000),
    p(try 1 div 0 catch error:E5 -> E5 end),
    p(try 1 rem 0 catch error:E6 -> E6 end),
    p(try id(a) + 1 catch error:E7 -> E7 end),
    p(try bnot id(1.0) catch error:E8 -> E8 end),
    p(trunc(5.9)),
    p(trunc(-5.9)),
    p(round(2.5)),
    p(round(-2.5)),
    p(round(3.4999)),
    p(ceil(1.1)),
    p(floor(-1.1)),
    p(ceil(-0.5)),
    p(floor(7)),
    p(float(3)),
    p(is_integer(3.0)),
    p(3 == 3.0),
    p(3 =:= 3.0),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.
