%% Checksums (CRC-32, Adler-32, MD5), numbers to and from text in binaries,
%% bitstring_to_list/1, and the external term format BIFs, with the
%% badarg each raises for what is not its input.
-module(checksum_etf_bifs).
-export([main/1]).

main(Args) ->
    N = length(Args),
    Data = [<<"hello ">>, "wor", $l | <<"d">>],
    Big = binary:copy(<<N, 7>>, 5000),
    erlang:display({erlang:crc32(Data), erlang:crc32(Big), erlang:crc32(N, Data)}),
    erlang:display(erlang:crc32_combine(erlang:crc32("hello "), erlang:crc32("world"), 5)),
    erlang:display([erlang:crc32_combine(16#12345678 + N, 16#9abcdef0, L)
                    || L <- [0, 1, 7, 1000, 1 bsl 31, (1 bsl 32) - 1]]),
    erlang:display({erlang:adler32(Data), erlang:adler32(Big), erlang:adler32(N, Data)}),
    erlang:display(erlang:adler32_combine(erlang:adler32("hello "), erlang:adler32("world"), 5)),
    erlang:display([erlang:adler32_combine(16#12345678 + N, 16#0abcdef0, L)
                    || L <- [0, 1, 7, 65521, 70000, (1 bsl 32) - 1]]),
    erlang:display(erlang:md5(Data)),
    erlang:display(erlang:md5(Big)),
    erlang:display(erlang:md5(<<>>)),
    Context = lists:foldl(fun(Chunk, Acc) -> erlang:md5_update(Acc, Chunk) end,
                          erlang:md5_init(), [Data, Big, lists:seq(1, 63), <<>>]),
    erlang:display(erlang:md5_final(Context) =:= erlang:md5([Data, Big, lists:seq(1, 63)])),
    erlang:display(byte_size(erlang:md5_init())),
    [erlang:display(catching(F, Bad))
     || F <- [fun(X) -> erlang:crc32(X) end, fun(X) -> erlang:adler32(X) end,
              fun(X) -> erlang:md5(X) end, fun(X) -> erlang:crc32(X, "a") end,
              fun(X) -> erlang:adler32(X, "a") end, fun(X) -> erlang:md5_final(X) end,
              fun(X) -> erlang:crc32_combine(1, 2, X) end,
              fun(X) -> erlang:adler32_combine(X, 2, 3) end],
        Bad <- [<<1:1>>, [1 | 2], a, -1, 1 bsl 32, [256], <<1, 2>>]],
    text(N),
    etf(N, Big).

text(N) ->
    erlang:display(bitstring_to_list(<<1, 2, 3:3>>)),
    erlang:display(bitstring_to_list(<<N, 2>>)),
    erlang:display(bitstring_to_list(<<>>)),
    erlang:display({list_to_float("1.5e3"), binary_to_float(<<"-0.25">>)}),
    erlang:display({integer_to_binary(-255 * N), integer_to_binary(255, 16),
                    integer_to_binary(1 bsl 80, 36)}),
    erlang:display({binary_to_integer(<<"-123">>), binary_to_integer(<<"ff">>, 16),
                    binary_to_integer(<<"123456789012345678901234567890">>)}),
    [erlang:display(catching(F, Bad))
     || F <- [fun(X) -> bitstring_to_list(X) end, fun(X) -> list_to_float(X) end,
              fun(X) -> binary_to_float(X) end, fun(X) -> integer_to_binary(X) end,
              fun(X) -> binary_to_integer(X) end, fun(X) -> integer_to_binary(10, X) end,
              fun(X) -> binary_to_integer(<<"10">>, X) end],
        Bad <- [a, "1", <<"1">>, <<"1.0">>, "1.0", <<"1", 1:1>>, 1.0, 37, 1]].

etf(N, Big) ->
    Term = {N, [a, "str", <<"bin">>, 1.5, -(1 bsl 70)], #{k => v}, {}},
    Bin = term_to_binary(Term),
    erlang:display(Bin),
    erlang:display(binary_to_term(Bin) =:= Term),
    erlang:display(binary_to_term(<<Bin/binary, "trailing">>, [used])),
    erlang:display(term_to_binary(Term, [{minor_version, 0}])),
    erlang:display(term_to_binary(Term, [{minor_version, 2}, deterministic])),
    %% Only the size's order: miniz_oxide's deflate bytes are not zlib's.
    erlang:display(byte_size(term_to_binary(lists:duplicate(50, Term), [compressed])) < 200),
    erlang:display(binary_to_term(term_to_binary(lists:duplicate(50, Term), [{compressed, 9}]))
                   =:= lists:duplicate(50, Term)),
    erlang:display({erlang:external_size(Term), erlang:external_size(Term, [{minor_version, 0}])}),
    erlang:display(binary_to_term(term_to_binary({Big, Big})) =:= {Big, Big}),
    erlang:display([byte_size(B) || B <- erlang:term_to_iovec({a, Big, <<2, 3>>, binary:part(Big, 1, 100)})]),
    erlang:display(erlang:term_to_iovec({a, <<2, 3>>})),
    erlang:display(erlang:term_to_iovec(a, [compressed])),
    erlang:display(iolist_to_binary(erlang:term_to_iovec({Big, 1})) =:= term_to_binary({Big, 1})),
    [erlang:display(catching(F, Bad))
     || F <- [fun(X) -> term_to_binary(a, X) end, fun(X) -> erlang:external_size(a, X) end,
              fun(X) -> binary_to_term(X) end, fun(X) -> binary_to_term(<<131, 100, 0, 1, 97>>, X) end],
        Bad <- [[foo], [compressed], [{compressed, 10}], [{minor_version, 2}],
                [{minor_version, 3}], [local], [used], [safe], x, <<131, 200>>, <<1:1>>, [used | x]]],
    erlang:display(catching(fun(X) -> binary_to_term(X, [safe]) end,
                            <<131, 100, 0, 12, "earts_no_such">>)).

catching(F, Arg) ->
    try F(Arg) of
        Result -> {ok, Result}
    catch
        Class:Reason -> {Class, Reason}
    end.
