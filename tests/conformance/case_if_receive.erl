%% case / if / receive expressions and their scoping.
-module(case_if_receive).
-export([main/1]).

main(_) ->
    [io:format("~p~n", [c(X)]) || X <- [1, 2, {ok, 3}, {error, x}, [], "s", 4.0]],
    [io:format("~p~n", [i(X)]) || X <- [-1, 0, 1, 50, 500]],
    R = case lists:member(b, [a, b]) of
            true -> Bound = found, Bound;
            false -> Bound = missing, Bound
        end,
    io:format("~p ~p~n", [R, Bound]),
    self() ! {msg, 1},
    self() ! {other, 2},
    self() ! {msg, 3},
    self() ! last,
    M1 = receive {other, N} -> {got_other, N} end,
    M2 = receive {msg, N2} when N2 > 1 -> {got_msg_gt1, N2} end,
    M3 = receive {msg, N3} -> {got_msg, N3} end,
    M4 = receive X -> X end,
    M5 = receive _ -> unexpected after 0 -> empty end,
    io:format("~p~n", [[M1, M2, M3, M4, M5]]),
    T = receive never -> never after 10 -> timed_out end,
    io:format("~p~n", [T]),
    io:format("~p~n", [nested(3)]),
    io:format("~p~n", [[try_case(V) || V <- [1, 2, 3]]]),
    io:format("~p~n", [[if_catch(V) || V <- [1, 2]]]),
    io:format("~p~n", [flush_all([a, b, c, d])]),
    ok.

c(1) -> one;
c(X) ->
    case X of
        2 -> two;
        {ok, V} when V > 2 -> {big_ok, V};
        {error, _} = E -> E;
        [] -> empty;
        [_ | _] -> list;
        F when is_float(F) -> float
    end.

i(X) ->
    if X < 0 -> negative;
       X =:= 0 -> zero;
       X < 10 -> small;
       X < 100 -> medium;
       true -> large
    end.

nested(N) ->
    case N of
        0 -> done;
        _ ->
            case N rem 2 of
                0 -> {even, nested(N - 1)};
                1 -> if N > 2 -> {odd_big, nested(N - 1)}; true -> {odd, nested(N - 1)} end
            end
    end.

try_case(V) ->
    try case V of 1 -> a; 2 -> b end
    catch error:{case_clause, X} -> {case_clause, X}
    end.

if_catch(V) ->
    try if V =:= 1 -> one end
    catch error:E -> E
    end.

flush_all(L) ->
    [self() ! X || X <- L],
    flush([]).

flush(Acc) ->
    receive X -> flush([X | Acc]) after 0 -> lists:reverse(Acc) end.
