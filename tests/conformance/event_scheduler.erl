%% An event scheduler: events ordered by time in gb_trees, processed by a simulated clock; periodic tasks.
-module(event_scheduler).
-export([main/1]).

main(_) ->
    S0 = new(),
    S1 = schedule(5, {print, "five"}, S0),
    S2 = schedule(1, {print, "one"}, S1),
    S3 = schedule(3, {repeat, tick, 4, 3}, S2),
    S4 = schedule(3, {print, "three"}, S3),
    S5 = schedule(20, {print, "twenty"}, S4),
    Log = run(S5, 15),
    [io:format("t=~2w ~s~n", [T, Msg]) || {T, Msg} <- Log],
    {Remaining, _} = S5,
    io:format("~p~n", [gb_trees:size(Remaining)]),
    ok.

new() -> {gb_trees:empty(), 0}.

schedule(T, Ev, {Tree, Seq}) -> {gb_trees:insert({T, Seq}, Ev, Tree), Seq + 1}.

run({Tree, Seq}, Until) -> run(Tree, Seq, Until, []).

run(Tree, Seq, Until, Log) ->
    case gb_trees:is_empty(Tree) of
        true -> lists:reverse(Log);
        false ->
            {{T, _} = Key, Ev, Rest} = gb_trees:take_smallest(Tree),
            _ = Key,
            if T > Until -> lists:reverse([{T, "stop: beyond horizon"} | Log]);
               true ->
                    case Ev of
                        {print, Msg} -> run(Rest, Seq, Until, [{T, Msg} | Log]);
                        {repeat, Name, Every, N} when N > 0 ->
                            {Rest2, Seq2} = schedule(T + Every, {repeat, Name, Every, N - 1}, {Rest, Seq}),
                            run(Rest2, Seq2, Until, [{T, io_lib:format("~p (~p left)", [Name, N - 1])} | Log]);
                        {repeat, _, _, 0} -> run(Rest, Seq, Until, Log)
                    end
            end
    end.
