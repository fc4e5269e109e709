%% A discrete-event bank-queue simulation with a deterministic pseudo random generator.
-module(queue_sim).
-export([main/1]).

main(_) ->
    Arrivals = arrivals(30, 1, 0),
    io:format("~p~n", [lists:sublist(Arrivals, 8)]),
    [begin
         {Served, Waits, MaxQ} = simulate(Arrivals, Tellers),
         Avg = lists:sum(Waits) / length(Waits),
         io:format("tellers=~w served=~w avg_wait=~.2f max_wait=~w max_queue=~w~n",
                   [Tellers, Served, Avg, lists:max(Waits), MaxQ])
     end || Tellers <- [1, 2, 3]],
    ok.

rand(Seed) -> (Seed * 16807) rem 2147483647.

arrivals(0, _, _) -> [];
arrivals(N, Seed, T) ->
    S1 = rand(Seed + 7),
    S2 = rand(S1),
    T1 = T + S1 rem 5,
    [{T1, 2 + S2 rem 6} | arrivals(N - 1, S2, T1)].

simulate(Arrivals, Tellers) ->
    Free = lists:duplicate(Tellers, 0),
    loop(Arrivals, Free, queue:new(), 0, [], 0).

loop([], _Free, _Q, Served, Waits, MaxQ) -> {Served, lists:reverse(Waits), MaxQ};
loop([{T, Dur} | Rest], Free, Q, Served, Waits, MaxQ) ->
    [Earliest | Others] = lists:sort(Free),
    Start = max(T, Earliest),
    Wait = Start - T,
    Waiting = length([x || {T2, _} <- Rest, T2 < Start]),
    Q2 = queue:in(T, Q),
    {_, Q3} = queue:out(Q2),
    loop(Rest, [Start + Dur | Others], Q3, Served + 1, [Wait | Waits], max(MaxQ, Waiting)).
