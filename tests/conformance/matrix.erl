%% Matrix operations on lists of lists: multiply, transpose, identity, power, determinant.
-module(matrix).
-export([main/1]).

main(_) ->
    A = [[1, 2], [3, 4]],
    B = [[5, 6], [7, 8]],
    p(mul(A, B)),
    p(transpose([[1, 2, 3], [4, 5, 6]])),
    p(identity(4)),
    p(mpow([[1, 1], [1, 0]], 50)),
    p(det([[2, 0, 1], [1, 3, 2], [1, 1, 1]])),
    p(det(identity(5))),
    p(add(A, B)),
    p(scale(3, A)),
    M = [[(I * J) rem 7 || J <- lists:seq(1, 6)] || I <- lists:seq(1, 6)],
    p(M),
    p(mul(M, identity(6)) =:= M),
    p(trace(mul(M, M))),
    [io:format("~s~n", [[io_lib:format("~4w", [X]) || X <- Row]]) || Row <- mul(M, transpose(M))],
    ok.

p(X) -> io:format("~p~n", [X]).

transpose([[] | _]) -> [];
transpose(M) -> [[hd(R) || R <- M] | transpose([tl(R) || R <- M])].

mul(A, B) ->
    Bt = transpose(B),
    [[lists:sum(lists:zipwith(fun(X, Y) -> X * Y end, Row, Col)) || Col <- Bt] || Row <- A].

identity(N) -> [[if I =:= J -> 1; true -> 0 end || J <- lists:seq(1, N)] || I <- lists:seq(1, N)].

mpow(M, 0) -> identity(length(M));
mpow(M, N) when N rem 2 =:= 0 -> H = mpow(M, N div 2), mul(H, H);
mpow(M, N) -> mul(M, mpow(M, N - 1)).

det([[X]]) -> X;
det([Row | Rest]) ->
    lists:sum([sign(I) * X * det(minor(I, Rest)) || {I, X} <- lists:zip(lists:seq(1, length(Row)), Row)]).

sign(I) when I rem 2 =:= 1 -> 1;
sign(_) -> -1.

minor(I, Rows) -> [drop(I, R) || R <- Rows].
drop(I, L) -> {A, [_ | B]} = lists:split(I - 1, L), A ++ B.

add(A, B) -> lists:zipwith(fun(R1, R2) -> lists:zipwith(fun erlang:'+'/2, R1, R2) end, A, B).
scale(K, M) -> [[K * X || X <- R] || R <- M].
trace(M) -> lists:sum([lists:nth(I, lists:nth(I, M)) || I <- lists:seq(1, length(M))]).
