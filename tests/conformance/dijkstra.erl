%% Graph algorithms: Dijkstra with gb_sets as a priority queue, BFS, DFS, topological sort.
-module(dijkstra).
-export([main/1]).

main(_) ->
    G = #{a => [{b, 7}, {c, 9}, {f, 14}], b => [{a, 7}, {c, 10}, {d, 15}],
          c => [{a, 9}, {b, 10}, {d, 11}, {f, 2}], d => [{b, 15}, {c, 11}, {e, 6}],
          e => [{d, 6}, {f, 9}], f => [{a, 14}, {c, 2}, {e, 9}]},
    Dist = dijkstra(G, a),
    io:format("~p~n", [[{K, maps:get(K, Dist)} || K <- [a, b, c, d, e, f]]]),
    io:format("~p~n", [path(G, a, e)]),
    io:format("~p~n", [bfs(G, a)]),
    io:format("~p~n", [dfs(G, a)]),
    Dag = #{shirt => [tie, belt], tie => [jacket], pants => [shoes, belt], belt => [jacket],
            socks => [shoes], shoes => [], jacket => [], watch => []},
    io:format("~p~n", [topo(Dag)]),
    ok.

dijkstra(G, Src) ->
    loop(G, gb_sets:singleton({0, Src}), #{Src => 0}, #{}).

loop(G, Q, Dist, Done) ->
    case gb_sets:is_empty(Q) of
        true -> Dist;
        false ->
            {{D, U}, Q1} = gb_sets:take_smallest(Q),
            case maps:is_key(U, Done) of
                true -> loop(G, Q1, Dist, Done);
                false ->
                    {Q2, Dist2} = lists:foldl(
                                    fun({V, W}, {QA, DA}) ->
                                            ND = D + W,
                                            case maps:get(V, DA, infinity) of
                                                Old when Old =/= infinity, Old =< ND -> {QA, DA};
                                                _ -> {gb_sets:add({ND, V}, QA), DA#{V => ND}}
                                            end
                                    end, {Q1, Dist}, maps:get(U, G)),
                    loop(G, Q2, Dist2, Done#{U => true})
            end
    end.

path(G, From, To) ->
    Dist = dijkstra(G, From),
    back(G, Dist, From, To, [To]).

back(_, _, From, From, Acc) -> Acc;
back(G, Dist, From, To, Acc) ->
    DT = maps:get(To, Dist),
    [Prev | _] = lists:sort([V || {V, W} <- maps:get(To, G), maps:get(V, Dist) + W =:= DT]),
    back(G, Dist, From, Prev, [Prev | Acc]).

bfs(G, Start) -> bfs(G, queue:from_list([Start]), [Start], []).
bfs(G, Q, Seen, Acc) ->
    case queue:out(Q) of
        {empty, _} -> lists:reverse(Acc);
        {{value, U}, Q1} ->
            Ns = [V || {V, _} <- lists:sort(maps:get(U, G)), not lists:member(V, Seen)],
            bfs(G, lists:foldl(fun queue:in/2, Q1, Ns), Seen ++ Ns, [U | Acc])
    end.

dfs(G, Start) -> lists:reverse(dfs(G, Start, [])).
dfs(G, U, Seen) ->
    case lists:member(U, Seen) of
        true -> Seen;
        false -> lists:foldl(fun({V, _}, S) -> dfs(G, V, S) end, [U | Seen], lists:sort(maps:get(U, G)))
    end.

topo(Dag) ->
    Nodes = lists:sort(maps:keys(Dag)),
    {_, Order} = lists:foldl(fun(N, {Seen, Acc}) -> visit(Dag, N, Seen, Acc) end, {[], []}, Nodes),
    Order.

visit(Dag, N, Seen, Acc) ->
    case lists:member(N, Seen) of
        true -> {Seen, Acc};
        false ->
            {S2, A2} = lists:foldl(fun(M, {S, A}) -> visit(Dag, M, S, A) end, {[N | Seen], Acc}, lists:sort(maps:get(N, Dag))),
            {S2, [N | A2]}
    end.
