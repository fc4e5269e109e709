%% process_info/1: the items and their order, with and without a
%% registered name; the values that do not depend on timing or memory;
%% initial_call for funs and spawn/3; undefined for a dead process; badarg
%% for a non-pid.
-module(process_info_all).
-export([main/1, wait/0]).

main(_) ->
    Fun = spawn(fun() -> receive stop -> ok end end),
    Mfa = spawn(?MODULE, wait, []),
    register(named_waiter, Mfa),
    settle(Fun),
    settle(Mfa),
    [show(P) || P <- [Fun, Mfa]],
    io:format("~p~n", [process_info(Mfa, [registered_name, initial_call, priority])]),
    io:format("~p~n", [process_info(Fun, registered_name)]),
    Self = process_info(self()),
    io:format("~p~n", [[K || {K, _} <- Self]]),
    io:format("~p~n", [lists:keyfind(status, 1, Self)]),
    [P ! stop || P <- [Fun, Mfa]],
    Ref = monitor(process, Fun),
    receive {'DOWN', Ref, process, Fun, _} -> ok end,
    io:format("~p~n", [process_info(Fun)]),
    io:format("~p~n", [try process_info(self(), bogus_item) catch C1:R1 -> {C1, R1} end]),
    io:format("~p~n", [try process_info(named_waiter) catch C:R -> {C, R} end]).

wait() ->
    put(key, value),
    receive stop -> ok end.

show(P) ->
    Info = process_info(P),
    io:format("~p~n", [[K || {K, _} <- Info]]),
    Stable = [status, message_queue_len, links, dictionary, trap_exit,
              error_handler, priority, initial_call, suspending],
    io:format("~p~n", [[lists:keyfind(K, 1, Info) || K <- Stable]]),
    {garbage_collection, GC} = lists:keyfind(garbage_collection, 1, Info),
    io:format("~p~n", [[K || {K, _} <- GC]]),
    io:format("~p~n", [lists:keyfind(max_heap_size, 1, GC)]).

settle(P) ->
    case process_info(P, status) of
        {status, waiting} -> ok;
        _ -> timer:sleep(1), settle(P)
    end.
