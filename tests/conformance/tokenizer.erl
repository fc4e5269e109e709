%% A small arithmetic tokenizer, recursive-descent parser and evaluator.
-module(tokenizer).
-export([main/1]).

main(_) ->
    Exprs = ["1 + 2 * 3", "(1 + 2) * 3", "10 / 4", "2 * (3 + 4) - 5 / (1 + 1)",
             "-3 + 10", "x * 2 + y", "((7))", "1 +", "3 $ 4", "100 - 1 - 1", "2 * 3 * 4"],
    Env = #{"x" => 5, "y" => 1},
    [io:format("~-28s => ~p~n", [E, run(E, Env)]) || E <- Exprs],
    io:format("~p~n", [tokens("foo(1, 22) + bar")]),
    ok.

run(Src, Env) ->
    try
        Toks = tokens(Src),
        {Ast, []} = expr(Toks),
        {ok, eval(Ast, Env)}
    catch
        throw:{error, _} = E -> E;
        error:{badmatch, {_, Rest}} -> {error, {trailing, Rest}}
    end.

tokens([]) -> [];
tokens([C | T]) when C =:= $\s; C =:= $\t -> tokens(T);
tokens([C | _] = S) when C >= $0, C =< $9 ->
    {Digits, Rest} = lists:splitwith(fun(X) -> X >= $0 andalso X =< $9 end, S),
    [{num, list_to_integer(Digits)} | tokens(Rest)];
tokens([C | _] = S) when C >= $a, C =< $z ->
    {Name, Rest} = lists:splitwith(fun(X) -> X >= $a andalso X =< $z end, S),
    [{var, Name} | tokens(Rest)];
tokens([C | T]) when C =:= $+; C =:= $-; C =:= $*; C =:= $/; C =:= $(; C =:= $); C =:= $, ->
    [{op, C} | tokens(T)];
tokens([C | _]) -> throw({error, {bad_char, [C]}}).

expr(Toks) ->
    {L, Rest} = term(Toks),
    expr_tail(L, Rest).
expr_tail(L, [{op, Op} | T]) when Op =:= $+; Op =:= $- ->
    {R, Rest} = term(T),
    expr_tail({Op, L, R}, Rest);
expr_tail(L, Rest) -> {L, Rest}.

term(Toks) ->
    {L, Rest} = factor(Toks),
    term_tail(L, Rest).
term_tail(L, [{op, Op} | T]) when Op =:= $*; Op =:= $/ ->
    {R, Rest} = factor(T),
    term_tail({Op, L, R}, Rest);
term_tail(L, Rest) -> {L, Rest}.

factor([{num, N} | T]) -> {{num, N}, T};
factor([{var, V} | T]) -> {{var, V}, T};
factor([{op, $-} | T]) -> {F, Rest} = factor(T), {{neg, F}, Rest};
factor([{op, $(} | T]) ->
    case expr(T) of
        {E, [{op, $)} | Rest]} -> {E, Rest};
        _ -> throw({error, unbalanced})
    end;
factor(_) -> throw({error, unexpected_end}).

eval({num, N}, _) -> N;
eval({var, V}, Env) -> maps:get(V, Env);
eval({neg, E}, Env) -> -eval(E, Env);
eval({$+, A, B}, Env) -> eval(A, Env) + eval(B, Env);
eval({$-, A, B}, Env) -> eval(A, Env) - eval(B, Env);
eval({$*, A, B}, Env) -> eval(A, Env) * eval(B, Env);
eval({$/, A, B}, Env) -> eval(A, Env) / eval(B, Env).
