%% The math module's BIFs on floats, integers and bignums, and the
%% badarith (no finite result, a bignum beyond the floats) and badarg (no
%% number) they raise.
-module(math_bifs).
-export([main/1]).

main(Args) ->
    N = length(Args),
    Unary = [fun(X) -> math:acos(X) end, fun(X) -> math:acosh(X) end,
             fun(X) -> math:asin(X) end, fun(X) -> math:asinh(X) end,
             fun(X) -> math:atan(X) end, fun(X) -> math:atanh(X) end,
             fun(X) -> math:ceil(X) end, fun(X) -> math:cos(X) end,
             fun(X) -> math:cosh(X) end, fun(X) -> math:erf(X) end,
             fun(X) -> math:erfc(X) end, fun(X) -> math:exp(X) end,
             fun(X) -> math:floor(X) end, fun(X) -> math:log(X) end,
             fun(X) -> math:log10(X) end, fun(X) -> math:log2(X) end,
             fun(X) -> math:sin(X) end, fun(X) -> math:sinh(X) end,
             fun(X) -> math:sqrt(X) end, fun(X) -> math:tan(X) end,
             fun(X) -> math:tanh(X) end],
    Inputs = [0.5 * N, -0.25, N, 0, -1, 1000, 1 bsl 80, 1 bsl 1100, 1.0e300, a],
    [erlang:display([catching(F, X) || X <- Inputs]) || F <- Unary],
    Binary = [fun({X, Y}) -> math:atan2(X, Y) end, fun({X, Y}) -> math:fmod(X, Y) end,
              fun({X, Y}) -> math:pow(X, Y) end],
    Pairs = [{N, 3}, {-7, 2}, {1, 0}, {0, 0}, {0, -1}, {-8, 1 / 3}, {2.5, 1 bsl 70},
             {1 bsl 1100, a}, {a, 1 bsl 1100}, {10, 400}, {1.0e-300, 1.0e-300}],
    [erlang:display([catching(F, P) || P <- Pairs]) || F <- Binary],
    erlang:display(math:pi()).

catching(F, Arg) ->
    try F(Arg) of
        Result -> {ok, Result}
    catch
        Class:Reason -> {Class, Reason}
    end.
