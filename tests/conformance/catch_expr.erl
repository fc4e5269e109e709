%% Old-style catch expressions: values for throw/exit/error, nesting, catch in comprehensions.
-module(catch_expr).
-export([main/1]).

main(_) ->
    p(catch 1 + 1),
    p(catch throw(thrown)),
    p(catch exit(exited)),
    p(strip(catch error(errored))),
    p(strip(catch 1 + id(a))),
    p(strip(catch id(a) ++ [])),
    p(strip(catch (fun(x) -> ok end)(id(y)))),
    p(catch throw({complex, [1, 2], #{k => v}})),
    p(catch catch throw(double)),
    p([strip(catch classify(X)) || X <- [1, a, "s", {t}]]),
    X = (catch throw(42)) + 1,
    p(X),
    p(case catch throw(in_case) of in_case -> matched; _ -> not_matched end),
    p(catch lists:map(fun(E) when E > 0 -> E; (E) -> throw({negative, E}) end, [1, 2, -3, 4])),
    p(catch lists:foldl(fun(E, A) -> if E =:= 3 -> throw({stopped_at, A}); true -> A + E end end, 0, [1, 2, 3, 4])),
    p(catch exit(normal)),
    p(strip(catch element(10, {a}))),
    p(strip(catch list_to_atom(id(42)))),
    p(catch ok),
    p(first_negative([3, 5, -2, 7, -9])),
    p(first_negative([1, 2])),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.

strip({'EXIT', {Reason, Stack}}) when is_list(Stack) -> {'EXIT', Reason};
strip(Other) -> Other.

classify(X) when is_integer(X) -> throw(int);
classify(X) when is_atom(X) -> exit(atom);
classify(X) when is_list(X) -> list;
classify(_) -> error(other).

first_negative(L) ->
    catch begin
        lists:foreach(fun(N) when N < 0 -> throw({found, N}); (_) -> ok end, L),
        none
    end.
