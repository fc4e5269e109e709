%% Selective receive on a large mailbox: out-of-order extraction, guards in receive, priority messages.
-module(selective_receive).
-export([main/1]).

main(_) ->
    Self = self(),
    [Self ! {n, I} || I <- lists:seq(1, 2000)],
    p(receive {n, 1500} -> got_1500 end),
    p(receive {n, I} when I rem 100 =:= 0 -> {first_hundred, I} end),
    p(count(0)),
    [Self ! M || M <- [{low, 1}, {high, 1}, {low, 2}, {high, 2}, {low, 3}]],
    p(prio([])),
    Sender = spawn(fun() -> [Self ! {seq, I} || I <- lists:seq(1, 100)] end),
    _ = Sender,
    p(lists:sum([receive {seq, I} -> I end || I <- lists:reverse(lists:seq(1, 100))])),
    [Self ! {tag, T, V} || {T, V} <- [{b, 1}, {a, 2}, {c, 3}, {a, 4}, {b, 5}]],
    p([receive {tag, a, V} -> V end || _ <- [1, 2]]),
    p([receive {tag, T, V} -> {T, V} end || _ <- [1, 2, 3]]),
    p(receive Any -> {unexpected, Any} after 0 -> empty end),
    ok.

p(X) -> io:format("~p~n", [X]).

count(N) ->
    receive {n, _} -> count(N + 1) after 0 -> N end.

prio(Acc) ->
    receive {high, X} -> prio([{high, X} | Acc])
    after 0 ->
            receive {low, X} -> prio([{low, X} | Acc])
            after 0 -> lists:reverse(Acc)
            end
    end.
