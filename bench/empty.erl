%% Does nothing: measures each runtime's start and stop, which the other
%% benchmarks' times are taken net of.
-module(empty).
-export([main/1]).

main(_) -> ok.
