%% spawn_opt with link and monitor, spawn_request with a monitor, and a bad
%% option; the spawned function is linked because its name is literal.
-module(spawn_options).
-export([main/1, child/1]).
main(_) ->
    process_flag(trap_exit, true),
    P = spawn_opt(?MODULE, child, [self()], [link]),
    receive {hi, P} -> ok end,
    io:format("~p~n", [receive {'EXIT', P, R} -> R after 1000 -> timeout end]),
    {Q, Ref} = spawn_opt(?MODULE, child, [self()], [monitor]),
    receive {hi, Q} -> ok end,
    io:format("~p~n", [receive {'DOWN', Ref, process, Q, R2} -> R2 after 1000 -> timeout end]),
    Req = erlang:spawn_request(?MODULE, child, [self()], [monitor]),
    io:format("~p~n", [receive {spawn_reply, Req, ok, _} -> reply after 1000 -> none end]),
    io:format("~p~n", [receive {'DOWN', Req, process, _, R3} -> R3 after 1000 -> timeout end]),
    io:format("~p~n", [try spawn_opt(?MODULE, child, [self()], [bogus]) catch C:E -> {C, E} end]).
child(Parent) -> Parent ! {hi, self()}, exit(bye).
