-module(ets_fun2ms).
-export([main/1]).
-include_lib("stdlib/include/ms_transform.hrl").

%% ets:fun2ms/1 through the ms_transform parse transform (done by erlc),
%% and the specifications it makes run on all table types.

main(_) ->
    MS1 = ets:fun2ms(fun({K, V}) when is_integer(K), K > 2 -> {V, K} end),
    MS2 = ets:fun2ms(fun({K, V} = O) when V =:= b; K == 1 -> O end),
    MS3 = ets:fun2ms(fun({K, _}) when K rem 2 =:= 0 -> true end),
    MS4 = ets:fun2ms(fun({K, V}) -> [K | V] end),
    io:format("~p~n~p~n~p~n~p~n", [MS1, MS2, MS3, MS4]),
    [begin
         T = ets:new(t, [Type]),
         ets:insert(T, [{1, a}, {2, b}, {3, c}, {4, d}]),
         io:format("~p: ~p ~p ~p ~p~n",
                   [Type, lists:sort(ets:select(T, MS1)), lists:sort(ets:select(T, MS2)),
                    ets:select_count(T, MS3), lists:sort(ets:select(T, MS4))]),
         io:format("  delete ~p left ~p~n", [ets:select_delete(T, MS3), lists:sort(ets:tab2list(T))]),
         ets:delete(T)
     end || Type <- [set, ordered_set, bag, duplicate_bag]],
    io:format("~p~n", [ets:test_ms({5, e}, MS1)]).
