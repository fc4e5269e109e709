%% erlang:halt/1 with a status: output written before is flushed, nothing after runs.
-module(halt_status).
-export([main/1]).

main(_) ->
    io:format("before halt~n"),
    [io:format("line ~p~n", [N]) || N <- lists:seq(1, 5)],
    erlang:halt(3),
    io:format("never printed~n").
