%% An uncaught exit/1 from main ends the program with status 127.
-module(uncaught_exit_after_output).
-export([main/1]).

main(_) ->
    io:format("working~n"),
    lists:foreach(fun(I) -> io:format("step ~p~n", [I]) end, [1, 2, 3]),
    exit({finished_badly, 3}).
