%% try/catch/after, catch expressions and raising again.
-module(exceptions).
-export([main/1]).

main(Args) ->
    erlang:display(catch throw(ball)),
    erlang:display(catch exit(bye)),
    {'EXIT', {oops, Trace}} = catch error(oops),
    erlang:display(is_list(Trace)),
    erlang:display(try error(oops) catch error:R -> {caught, R} end),
    erlang:display(try throw(x) catch throw:X -> {thrown, X} after erlang:display(after_ran) end),
    erlang:display(try add(1, a) catch error:badarith -> badarith end),
    erlang:display(try deep(1000) catch throw:{depth, N} -> N end),
    erlang:display(try length(Args) of 2 -> two; _ -> other catch _:_ -> bad end),
    erlang:display(rethrown()),
    erlang:display(try nested(5) catch exit:E -> {exit, E} end),
    erlang:display(catch 1 + 2).

add(A, B) -> A + B.

deep(0) -> throw({depth, done});
deep(N) -> 1 + deep(N - 1).

rethrown() ->
    try
        try throw(inner) catch throw:T -> erlang:raise(throw, {again, T}, []) end
    catch
        throw:Again -> Again
    end.

nested(0) -> exit(bottom);
nested(N) ->
    try nested(N - 1)
    catch throw:never -> never
    end.
