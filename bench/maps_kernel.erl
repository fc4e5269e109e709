%% A map kernel: building, updating and reading maps, small and large.
-module(maps_kernel).
-export([main/1]).

main(_) -> erlang:display(loop(120, 0)).

loop(0, Acc) -> Acc;
loop(N, Acc) ->
    Big = build(0, 5000, #{}),
    Small = count(lists:seq(1, 20000), #{}),
    loop(N - 1, Acc + sum(0, 5000, Big, 0) + maps:size(Small)).

build(N, N, Map) -> Map;
build(I, N, Map) -> build(I + 1, N, Map#{I => I * 2}).

sum(N, N, _Map, Acc) -> Acc;
sum(I, N, Map, Acc) -> sum(I + 1, N, Map, Acc + maps:get(I, Map)).

count([], Map) -> Map;
count([X | Xs], Map) ->
    Key = X rem 17,
    count(Xs, Map#{Key => maps:get(Key, Map, 0) + 1}).
