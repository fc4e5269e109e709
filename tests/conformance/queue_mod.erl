%% queue: original, extended and Okasaki APIs.
-module(queue_mod).
-export([main/1]).

main(_) ->
    Q0 = queue:new(),
    Q1 = lists:foldl(fun queue:in/2, Q0, [1, 2, 3, 4, 5]),
    p(queue:to_list(Q1)),
    p(queue:len(Q1)),
    p(queue:is_empty(Q0)),
    p(queue:is_queue(Q1)),
    {{value, H}, Q2} = queue:out(Q1),
    p({H, queue:to_list(Q2)}),
    {{value, T}, Q3} = queue:out_r(Q1),
    p({T, queue:to_list(Q3)}),
    p(queue:out(Q0)),
    p(queue:to_list(queue:in_r(0, Q1))),
    p(queue:to_list(queue:reverse(Q1))),
    p(queue:to_list(queue:join(Q1, queue:from_list([a, b])))),
    {A, B} = queue:split(2, Q1),
    p({queue:to_list(A), queue:to_list(B)}),
    p(queue:to_list(queue:filter(fun(X) -> X rem 2 =:= 1 end, Q1))),
    p(queue:to_list(queue:filter(fun(X) -> [X, X] end, Q1))),
    p(queue:member(3, Q1)),
    p(queue:get(Q1)),
    p(queue:get_r(Q1)),
    p(queue:peek(Q1)),
    p(queue:peek_r(Q1)),
    p(queue:peek(Q0)),
    p(queue:to_list(queue:drop(Q1))),
    p(queue:to_list(queue:drop_r(Q1))),
    p(queue:head(Q1)),
    p(queue:last(Q1)),
    p(queue:to_list(queue:tail(Q1))),
    p(queue:to_list(queue:init(Q1))),
    p(queue:to_list(queue:cons(z, Q1))),
    p(queue:to_list(queue:snoc(Q1, z))),
    p(queue:to_list(queue:delete(3, Q1))),
    p(queue:fold(fun(X, Acc) -> X + Acc end, 0, Q1)),
    p(queue:any(fun(X) -> X > 4 end, Q1)),
    p(queue:all(fun(X) -> X > 4 end, Q1)),
    p(try queue:get(Q0) catch error:E -> E end),
    p(simulate(queue:new(), [{in, a}, {in, b}, out, {in, c}, out, out, out], [])),
    Big = lists:foldl(fun queue:in/2, queue:new(), lists:seq(1, 10000)),
    p(drain(Big, 0)),
    ok.

p(X) -> io:format("~p~n", [X]).

simulate(_, [], Acc) -> lists:reverse(Acc);
simulate(Q, [{in, X} | R], Acc) -> simulate(queue:in(X, Q), R, Acc);
simulate(Q, [out | R], Acc) ->
    case queue:out(Q) of
        {{value, X}, Q2} -> simulate(Q2, R, [X | Acc]);
        {empty, Q2} -> simulate(Q2, R, [empty | Acc])
    end.

drain(Q, S) ->
    case queue:out(Q) of
        {{value, X}, Q2} -> drain(Q2, S + X);
        {empty, _} -> S
    end.
