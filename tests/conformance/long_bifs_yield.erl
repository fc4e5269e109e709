%% schedulers: 1
%% gc_torture: skip
-module(long_bifs_yield).
-export([main/1]).

%% BIFs over huge terms do not hold their scheduler: on one scheduler, a
%% busy process keeps running while another is inside the BIF. The inputs
%% are large enough that BEAM's own BIFs yield part-way; the results under
%% collection torture are checked at a smaller size by long_bifs_results.

main(_) ->
    Big = [{N, <<N:32>>, [N]} || N <- lists:seq(1, 200000)],
    Long = lists:seq(1, 1000000),
    Encoded = term_to_binary(Big),
    check(term_to_binary, fun() -> byte_size(term_to_binary(Big)) end),
    check(term_to_binary_compressed,
          fun() -> binary_to_term(term_to_binary(Big, [compressed])) =:= Big end),
    check(term_to_iovec, fun() -> iolist_size(term_to_iovec(Big)) end),
    check(binary_to_term, fun() -> length(binary_to_term(Encoded)) end),
    check(binary_to_term_used,
          fun() -> element(2, binary_to_term(Encoded, [used])) end),
    check(reverse, fun() -> hd(lists:reverse(Long)) end),
    check(reverse_2, fun() -> hd(lists:reverse(Long, [tail])) end),
    check(apply_reverse, fun() -> hd(apply(lists, reverse, [Long, []])) end),
    Chunks = [[<<N:32>>, N rem 256, [<<"x">>]] || N <- lists:seq(1, 300000)],
    check(iolist_to_binary, fun() -> byte_size(iolist_to_binary(Chunks)) end),
    check(list_to_binary, fun() -> byte_size(list_to_binary(Chunks)) end),
    check(fun_term_to_binary,
          fun() -> F = fun erlang:term_to_binary/1, byte_size(F(Big)) end).

%% Runs Call while a ticker counts; the ticker counts while Call runs only
%% if Call lets the scheduler go.
check(Name, Call) ->
    Ticker = spawn(fun() -> receive start -> tick(0) end end),
    Ticker ! start,
    Result = Call(),
    Ticker ! {report, self()},
    Ticks = receive {ticks, N} -> N end,
    io:format("~p: ~p, ticked while it ran: ~p~n", [Name, Result, Ticks > 10]).

tick(N) ->
    receive
        {report, From} -> From ! {ticks, N}
    after 0 ->
        tick(N + 1)
    end.
