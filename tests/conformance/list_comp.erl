%% List comprehensions: generators, filters, nested generators, patterns in generators.
-module(list_comp).
-export([main/1]).

main(_) ->
    p([X * X || X <- lists:seq(1, 10)]),
    p([X || X <- lists:seq(1, 30), X rem 3 =:= 0, X rem 2 =:= 1]),
    p([{X, Y} || X <- [1, 2, 3], Y <- [a, b]]),
    p([{X, Y} || X <- lists:seq(1, 4), Y <- lists:seq(X, 4)]),
    p([X || {ok, X} <- [{ok, 1}, error, {ok, 2}, {error, 3}, {ok, 4}]]),
    p([X || <<X>> <= <<"abc">>]),
    p([[C] || C <- "hello", C =/= $l]),
    p(pythag(30)),
    p(perms([1, 2, 3])),
    p(qsort([5, 3, 8, 1, 9, 2, 7, 3])),
    p([X || X <- [1, a, 2.0, "s", b], is_atom(X)]),
    p([{K, V} || K <- [a, b], V <- [1, 2], K =/= a orelse V =:= 1]),
    p(length([x || _ <- lists:seq(1, 1000)])),
    p([X + Y || X <- [1, 2], Y <- [10, 20], Z <- [x], Z =:= x]),
    p([ {I, J} || I <- lists:seq(1, 3), J <- [I * 2], J > 2]),
    p([ X || X <- [], X > 0]),
    p([ [Y || Y <- lists:seq(1, X)] || X <- lists:seq(0, 4)]),
    p(lists:sum([X || X <- lists:seq(1, 100), prime(X)])),
    F = fun(N) -> [X || X <- lists:seq(1, N), N rem X =:= 0] end,
    p([{N, F(N)} || N <- [1, 12, 28, 97]]),
    p([{A, B} || #{a := A, b := B} <- [#{a => 1, b => 2}, #{a => 3}, #{a => 5, b => 6}]]),
    ok.

p(X) -> io:format("~p~n", [X]).

pythag(N) ->
    [{A, B, C} || A <- lists:seq(1, N), B <- lists:seq(A, N), C <- lists:seq(B, N),
                  A * A + B * B =:= C * C].

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].

qsort([]) -> [];
qsort([P | Xs]) -> qsort([X || X <- Xs, X < P]) ++ [P] ++ qsort([X || X <- Xs, X >= P]).

prime(N) when N < 2 -> false;
prime(N) -> [] =:= [D || D <- lists:seq(2, N - 1), N rem D =:= 0].
