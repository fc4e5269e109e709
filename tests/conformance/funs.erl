%% Closures, export funs, higher-order functions and apply.
-module(funs).
-export([main/1, double/1]).

main(Args) ->
    Add = fun(X) -> fun(Y) -> X + Y end end,
    Add3 = Add(3),
    erlang:display(Add3(4)),
    erlang:display(map(fun(X) -> X * X end, [1, 2, 3])),
    erlang:display(map(fun ?MODULE:double/1, [1, 2, 3])),
    erlang:display(fold(fun(X, Acc) -> X + Acc end, 0, [10, 20, 30])),
    N = 7,
    Count = fun Loop(0) -> N; Loop(K) -> Loop(K - 1) end,
    erlang:display(Count(100000)),
    erlang:display(apply(?MODULE, double, [21])),
    erlang:display(is_function(Add)),
    erlang:display(is_function(Add3, 1)),
    erlang:display(is_function(Args)),
    erlang:display(try (fun(_, _) -> ok end)(1) catch error:{badarity, _} -> badarity end),
    erlang:display(try Args(1) catch error:{badfun, _} -> badfun end),
    erlang:display(try apply(?MODULE, list_to_atom(hd(Args)), []) catch error:undef -> undef end).

double(X) -> 2 * X.

map(_, []) -> [];
map(F, [H | T]) -> [F(H) | map(F, T)].

fold(_, Acc, []) -> Acc;
fold(F, Acc, [H | T]) -> fold(F, F(H, Acc), T).
