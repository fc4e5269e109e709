%% erlang's remaining pure BIFs: append/subtract, binary_part, atoms from
%% binaries, tuple element insertion and deletion, size, type tests for
%% ports, references and records, list_to_bitstring and phash2, with the
%% exceptions each raises.
-module(more_pure_bifs).
-export([main/1]).

main(Args) ->
    N = length(Args),
    erlang:display({erlang:append([1, 2], N), erlang:subtract([1, 2, 1, N], [1, 2])}),
    erlang:display(catching(fun(X) -> erlang:append(X, [3]) end, [1 | 2])),
    Bin = <<1, 2, 3, N>>,
    erlang:display({binary_part(Bin, {1, 2}), binary_part(Bin, 4, -3), binary_part(<<Bin/binary, 1:1>>, 1, 2)}),
    [erlang:display(catching(fun({S, L}) -> binary_part(Bin, S, L) end, Bad))
     || Bad <- [{3, 2}, {-1, 1}, {5, -1}, {a, 1}, {0, 1 bsl 62}]],
    %% Atoms beyond ASCII are shown through their UTF-8 bytes.
    Name = fun(Atom) -> atom_to_binary(Atom, utf8) end,
    erlang:display({binary_to_atom(<<"abc">>, latin1), Name(binary_to_atom(<<"åbc"/utf8>>, utf8)),
                    Name(binary_to_atom(<<"x", N>>, unicode)), Name(binary_to_atom(<<200, N>>, latin1))}),
    erlang:display(binary_to_existing_atom(<<"ok">>, latin1)),
    [erlang:display(catching(fun({B, E}) -> binary_to_atom(B, E) end, Bad))
     || Bad <- [{<<255>>, utf8}, {<<"a">>, foo}, {<<"a", 1:1>>, utf8}, {a, utf8},
                {binary:copy(<<"a">>, 256), latin1}]],
    erlang:display(byte_size(atom_to_binary(binary_to_atom(binary:copy(<<"å"/utf8>>, 255), utf8), utf8))),
    [erlang:display(catching(fun({B, E}) -> binary_to_existing_atom(B, E) end, Bad))
     || Bad <- [{<<"earts_surely_no_such_atom">>, utf8}, {binary:copy(<<"a">>, 256), latin1},
                {<<255>>, utf8}]],
    T = {a, b, N},
    erlang:display({erlang:delete_element(2, T), erlang:insert_element(4, T, d), erlang:insert_element(1, T, z)}),
    [erlang:display(catching(F, Bad))
     || F <- [fun(I) -> erlang:delete_element(I, T) end, fun(I) -> erlang:insert_element(I, T, x) end],
        Bad <- [0, 4, 5, a, -1]],
    erlang:display(catching(fun(X) -> erlang:delete_element(1, X) end, {})),
    erlang:display({size(T), size(<<1, 2, N:3>>), catching(fun(X) -> size(X) end, [N])}),
    IsMap = fun(X) -> erlang:is_map(X) end,
    erlang:display([IsMap(X) || X <- [#{}, maps:from_list([{K, K} || K <- lists:seq(1, 40 + N)]), T]]),
    erlang:display([erlang:is_port(X) || X <- [self(), N, a, T]]),
    erlang:display([erlang:is_reference(X) || X <- [self(), N, a, T]]),
    IsRecord = fun(X, Tag) -> erlang:is_record(X, Tag) end,
    IsRecord3 = fun(X, Tag, Size) -> erlang:is_record(X, Tag, Size) end,
    erlang:display({IsRecord(T, a), IsRecord(T, b), IsRecord({}, a), IsRecord(x, a),
                    IsRecord3(T, a, 3), IsRecord3(T, a, N), IsRecord3(x, a, 1)}),
    erlang:display([catching(fun({X, Tag}) -> IsRecord(X, Tag) end, {T, 1}),
                    catching(fun({X, Tag, S}) -> IsRecord3(X, Tag, S) end, {T, a, x})]),
    %% The bitstrings come from a call: a bs_create_bin followed by list
    %% building in the same function trips an earts codegen gap (its
    %% Alloc operand is not reserved yet).
    Bits = bits(N),
    erlang:display({list_to_bitstring([1, Bits]), list_to_bitstring([Bits, 1]),
                    list_to_bitstring([bits(2), [<<>>, 7] | bits(N + 29)]), list_to_bitstring([])}),
    [erlang:display(catching(fun(X) -> list_to_bitstring(X) end, Bad))
     || Bad <- [<<1:1>>, [a], [256], [1 | 2], a]],
    erlang:display({erlang:phash2({a, N, "str", <<"bin">>}), erlang:phash2([N], 7),
                    erlang:phash2(T, 1 bsl 32)}),
    [erlang:display(catching(fun(R) -> erlang:phash2(T, R) end, Bad))
     || Bad <- [0, -1, (1 bsl 32) + 1, a]].

catching(F, Arg) ->
    try F(Arg) of
        Result -> {ok, Result}
    catch
        Class:Reason -> {Class, Reason}
    end.

bits(N) -> <<N:3>>.
