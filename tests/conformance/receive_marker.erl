%% Calls answered with a fresh reference while the caller's mailbox holds
%% many other messages: the receive for `{Ref, Reply}` starts after the
%% messages that arrived before `make_ref()` (BEAM's receive markers), and
%% the other messages stay, in order.
-module(receive_marker).
-export([main/1]).

server() ->
    receive
        {call, From, Ref, N} -> From ! {Ref, N * 2}, server();
        stop -> ok
    end.

call(Server, N) ->
    Ref = make_ref(),
    Server ! {call, self(), Ref, N},
    receive
        {Ref, Reply} -> Reply
    end.

main(_) ->
    Server = spawn(fun server/0),
    [self() ! {junk, I} || I <- lists:seq(1, 20000)],
    Sum = lists:sum([call(Server, N) || N <- lists:seq(1, 5000)]),
    io:format("sum ~p~n", [Sum]),
    {message_queue_len, Len} = process_info(self(), message_queue_len),
    io:format("left ~p~n", [Len]),
    First = receive {junk, F} -> F end,
    Last = lists:last([receive {junk, J} -> J end || _ <- lists:seq(2, 20000)]),
    io:format("junk ~p..~p~n", [First, Last]),
    %% A reply that came before the call's reference was made is not seen
    %% by that call, but a later plain receive gets it.
    Ref0 = make_ref(),
    self() ! {Ref0, early},
    io:format("late ~p~n", [call(Server, 21)]),
    io:format("early ~p~n", [receive {Ref0, X} -> X after 0 -> none end]),
    Server ! stop.
