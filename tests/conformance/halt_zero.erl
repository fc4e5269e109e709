%% erlang:halt/0 in the middle of the program exits with status 0.
-module(halt_zero).
-export([main/1]).

main(_) ->
    io:put_chars("about to halt\n"),
    spawn(fun() -> receive never -> ok end end),
    halt(),
    io:put_chars("unreachable\n").
