%% An uncaught error/1 with a non-standard reason ends the program with status 127.
-module(uncaught_error).
-export([main/1]).

main(_) ->
    Result = try error(inner) catch error:inner -> recovered end,
    io:format("~p~n", [Result]),
    deep(5).

deep(0) -> error({custom_failure, depth_reached});
deep(N) -> io:format("depth ~p~n", [N]), deep(N - 1).
