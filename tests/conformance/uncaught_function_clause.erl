%% An exception nothing catches ends the program as escript ends a
%% script: "escript: exception ..." on stderr, exit status 127.
-module(uncaught_function_clause).
-export([main/1]).

main(Args) ->
    io:format("before ~p~n", [Args]),
    f(id(2)),
    io:format("not reached~n").

f(1) -> one.

id(X) -> X.
