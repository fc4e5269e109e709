%% A receive with no clauses (or none that match) waits out its timeout
%% even with messages queued, and the messages stay.
-module(receive_after_pending).
-export([main/1]).

main(_) ->
    self() ! x,
    receive after 20 -> ok end,
    io:format("waited~n"),
    Ref = monitor(process, spawn(fun() -> ok end)),
    timer:sleep(10),
    receive nothing_like_this -> no after 15 -> io:format("still waited~n") end,
    receive {'DOWN', Ref, process, _, Reason} -> io:format("~p~n", [Reason]) end,
    receive M -> io:format("~p~n", [M]) after 0 -> none end,
    io:format("done~n").
