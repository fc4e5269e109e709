%% Naive reverse: list construction, append and body recursion.
-module(nrev).
-export([main/1]).

main(_) -> erlang:display(loop(20000, lists:seq(1, 100), 0)).

loop(0, _List, Acc) -> Acc;
loop(N, List, Acc) -> loop(N - 1, List, Acc + hd(nrev(List))).

nrev([]) -> [];
nrev([H | T]) -> app(nrev(T), [H]).

app([], L) -> L;
app([H | T], L) -> [H | app(T, L)].
