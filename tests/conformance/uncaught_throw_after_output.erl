%% An uncaught throw ends the program with status 127 after its output.
-module(uncaught_throw_after_output).
-export([main/1]).

main(Args) ->
    io:format("args ~p~n", [Args]),
    R = [X * 2 || X <- [1, 2, 3]],
    io:format("~p~n", [R]),
    throw({gave_up, lists:sum(R)}).
