-module(long_bifs_results).
-export([main/1]).

%% The BIFs that run as suspendable long work (term_to_binary,
%% term_to_iovec, binary_to_term, lists:reverse/2), on inputs large enough
%% for earts to suspend them many times: their results, their errors, a
%% process killed in the middle of one, and messages arriving meanwhile.

main(_) ->
    Big = [{N, <<N:32>>, [N], float(N)} || N <- lists:seq(1, 8000)],
    Long = lists:seq(1, 50000),
    Encoded = term_to_binary(Big),
    show(byte_size(Encoded)),
    show(erlang:md5(Encoded)),
    show(binary_to_term(Encoded) =:= Big),
    show(binary_to_term(Encoded, [used]) =:= {Big, byte_size(Encoded)}),
    show(binary_to_term(<<Encoded/binary, 1, 2, 3>>, [used])
         =:= {Big, byte_size(Encoded)}),
    show(binary_to_term(term_to_binary(Big, [{compressed, 9}])) =:= Big),
    show(binary_to_term(term_to_binary(Big, [{minor_version, 0}])) =:= Big),
    show(iolist_to_binary(term_to_iovec(Big)) =:= Encoded),
    show(iolist_to_binary(term_to_iovec(Big, [{compressed, 1}]))
         =:= term_to_binary(Big, [{compressed, 1}])
         orelse compressed_sizes_differ),
    show(lists:reverse(Long) =:= [50001 - N || N <- Long]),
    show(lists:sum(lists:reverse(Long, Long))),
    show(lists:reverse(Long, tail_not_a_list) =:= lists:reverse(Long) ++ tail_not_a_list),
    show(lists:reverse([], anything)),
    Chunks = [[<<N:32>>, N rem 256, [<<"x">>, []] | <<"t">>] || N <- lists:seq(1, 20000)],
    show(erlang:md5(iolist_to_binary(Chunks))),
    show(list_to_binary(Chunks) =:= iolist_to_binary(Chunks)),
    show(byte_size(iolist_to_binary([Encoded, Chunks, Encoded]))),
    show(reason(fun() -> iolist_to_binary(Chunks ++ [256]) end)),
    show(reason(fun() -> list_to_binary([Chunks | tail]) end)),
    show(reason(fun() -> list_to_binary(<<"not a list">>) end)),
    %% Errors.
    show(reason(fun() -> lists:reverse(Long ++ improper) end)),
    show(reason(fun() -> lists:reverse(improper, []) end)),
    show(reason(fun() -> binary_to_term(binary:part(Encoded, 0, 100000 div 2)) end)),
    show(reason(fun() -> binary_to_term(Encoded, [bad]) end)),
    show(reason(fun() -> binary_to_term(not_a_binary) end)),
    show(reason(fun() -> term_to_binary(Big, [{compressed, 10}]) end)),
    show(reason(fun() -> term_to_iovec(Big, bad) end)),
    %% Through apply and funs.
    show(apply(erlang, binary_to_term, [Encoded]) =:= Big),
    F = fun lists:reverse/2,
    show(hd(F(Long, []))),
    %% Messages that arrive while the receiver is inside a long BIF.
    Self = self(),
    Senders = [spawn(fun() -> [Self ! {msg, I, N} || N <- lists:seq(1, 2000)] end)
               || I <- lists:seq(1, 4)],
    Again = binary_to_term(term_to_binary(Big)),
    show(Again =:= Big),
    show(length(collect(8000))),
    show(length(Senders)),
    %% A process killed inside a long BIF dies as any other; another
    %% waiting on the same kind of work is untouched.
    {Pid, Ref} = spawn_monitor(fun() -> exit(lists:reverse(lists:seq(1, 200000))) end),
    exit(Pid, kill),
    receive {'DOWN', Ref, process, Pid, Why} -> show(Why) end,
    {Pid2, Ref2} = spawn_monitor(fun() -> exit(byte_size(term_to_binary(Big))) end),
    receive {'DOWN', Ref2, process, Pid2, Size} -> show(Size) end.

collect(0) -> [];
collect(N) -> receive {msg, _, _} = M -> [M | collect(N - 1)] end.

show(Term) -> io:format("~p~n", [Term]).

reason(Call) ->
    try Call() catch Class:Reason -> {Class, Reason} end.
