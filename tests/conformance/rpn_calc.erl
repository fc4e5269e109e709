%% Reverse Polish notation calculator and an infix-to-RPN shunting-yard converter.
-module(rpn_calc).
-export([main/1]).

main(_) ->
    [io:format("~-24s = ~p~n", [E, rpn(E)]) || E <- ["3 4 +", "5 1 2 + 4 * + 3 -", "2 3 ^", "10 2 8 * + 3 -",
                                                    "1 0 /", "1 +", "4 2 / 3 *", "7 neg 2 *", "1 2 3 sum"]],
    [io:format("~-20s -> ~s~n", [I, to_rpn(I)]) || I <- ["3 + 4 * 2", "( 1 + 2 ) * 3", "2 ^ 3 ^ 2", "8 / 4 / 2"]],
    [io:format("~p~n", [rpn(to_rpn(I))]) || I <- ["3 + 4 * 2", "( 1 + 2 ) * 3", "2 ^ 3 ^ 2"]],
    ok.

rpn(Expr) ->
    try lists:foldl(fun step/2, [], string:lexemes(Expr, " ")) of
        [Result] -> {ok, Result};
        Stack -> {error, {stack, Stack}}
    catch
        error:badarith -> {error, badarith};
        error:function_clause -> {error, underflow}
    end.

step("+", [B, A | S]) -> [A + B | S];
step("-", [B, A | S]) -> [A - B | S];
step("*", [B, A | S]) -> [A * B | S];
step("/", [B, A | S]) -> [A / B | S];
step("^", [B, A | S]) -> [pow(A, B) | S];
step("neg", [A | S]) -> [-A | S];
step("sum", S) -> [lists:sum(S)];
step(N, S) when hd(N) >= $0, hd(N) =< $9 -> [list_to_integer(N) | S].

pow(_, 0) -> 1;
pow(A, B) -> A * pow(A, B - 1).

to_rpn(Infix) -> string:join(shunt(string:lexemes(Infix, " "), [], []), " ").

shunt([], [], Out) -> lists:reverse(Out);
shunt([], [Op | Ops], Out) -> shunt([], Ops, [Op | Out]);
shunt(["(" | T], Ops, Out) -> shunt(T, ["(" | Ops], Out);
shunt([")" | T], Ops, Out) ->
    {Popped, ["(" | Rest]} = lists:splitwith(fun(O) -> O =/= "(" end, Ops),
    shunt(T, Rest, lists:reverse(Popped) ++ Out);
shunt([Tok | T], Ops, Out) ->
    case prec(Tok) of
        0 -> shunt(T, Ops, [Tok | Out]);
        P ->
            {Popped, Rest} = lists:splitwith(fun(O) -> pops(O, P, Tok) end, Ops),
            shunt(T, [Tok | Rest], lists:reverse(Popped) ++ Out)
    end.

pops("(", _, _) -> false;
pops(O, P, "^") -> prec(O) > P;
pops(O, P, _) -> prec(O) >= P.

prec("+") -> 1;
prec("-") -> 1;
prec("*") -> 2;
prec("/") -> 2;
prec("^") -> 3;
prec(_) -> 0.
