%% `try ... after` re-raising through raw_raise, and comprehensions that
%% build binaries and bitstrings (bs_init_writable, private_append).
-module(try_after_bitstrings).
-export([main/1]).

main(_) ->
    io:format("~p~n", [catch guarded(fun() -> throw(thrown) end)]),
    io:format("~p~n", [element(1, catch guarded(fun() -> error(failed) end))]),
    io:format("~p~n", [catch guarded(fun() -> exit(exited) end)]),
    io:format("~p~n", [catch guarded(fun() -> returned end)]),
    io:format("~p~n", [nested()]),
    io:format("~p~n", [<< <<(X * 2)>> || X <- lists:seq(1, 10) >>]),
    io:format("~p~n", [<< <<X:4>> || X <- lists:seq(1, 9) >>]),
    io:format("~p~n", [<< <<X:3>> || X <- [1, 2, 3, 4, 5] >>]),
    io:format("~p~n", [<< <<B/bitstring>> || B <- [<<1:1>>, <<3:2>>, <<"ab">>] >>]),
    io:format("~p~n", [<< <<C, C>> || <<C>> <= <<"abc">> >>]),
    A = <<1:3>>,
    io:format("~p~n", [<<A/bitstring, 5:5, A/bitstring>>]),
    io:format("~p~n", [try <<(id(A))/binary>> catch C:R -> {C, R} end]),
    io:format("~p~n", [byte_size(<< <<X:32>> || X <- lists:seq(1, 1000) >>)]).

guarded(F) ->
    try
        F()
    after
        io:format("after~n")
    end.

nested() ->
    try
        try
            throw(inner)
        after
            io:format("inner after~n")
        end
    catch
        throw:inner -> caught_inner
    after
        io:format("outer after~n")
    end.

id(X) -> X.
