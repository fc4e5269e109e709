%% The BIFs io_lib:format/2 and its helpers call: splitting binaries,
%% floats with options, unicode conversion, iovecs, binary:match/2,3 and
%% the map BIFs, with the exceptions each raises for bad arguments.
-module(io_lib_bifs).
-export([main/1]).

main(Args) ->
    N = length(Args),
    Bin = <<"hello, world">>,
    erlang:display(split_binary(Bin, 5)),
    erlang:display(split_binary(Bin, 0)),
    erlang:display(split_binary(Bin, byte_size(Bin))),
    erlang:display(split_binary(<<1, 2, 3, 5:4>>, 2)),
    erlang:display(binary_to_list(Bin, 2, 5)),
    erlang:display(binary_to_list(<<1, 2, 3, 1:1>>, 1, 3)),
    [erlang:display(catching(fun(X) -> split_binary(Bin, X) end, Bad))
     || Bad <- [-1, 13, a, 1.0]],
    [erlang:display(catching(fun({S, E}) -> binary_to_list(Bin, S, E) end, Bad))
     || Bad <- [{0, 1}, {2, 1}, {12, 13}, {a, 2}, {13, 13}, {12, 12}]],
    floats(N),
    unicode_conversions(N),
    iovecs(N),
    matches(N),
    maps_bifs(N).

floats(N) ->
    F = 3.14159 * N,
    [erlang:display({float_to_list(F, Options), float_to_binary(-F, Options)})
     || Options <- [[], [{decimals, 0}], [{decimals, 4}], [{decimals, 10}, compact],
                    [{scientific, 3}], [short], [{scientific, -3}], [compact],
                    [{decimals, 2}, {scientific, 2}], [{scientific, 2}, {decimals, 2}]]],
    erlang:display(catching(fun(X) -> float_to_list(X, [{decimals, 2}]) end, 1.0e300)),
    erlang:display(float_to_list(1.0e200, [{decimals, 2}])),
    erlang:display(float_to_list(0.1, [short])),
    erlang:display(float_to_binary(1.0e-10, [{decimals, 12}, compact])),
    [erlang:display(catching(fun(O) -> float_to_list(F, O) end, Bad))
     || Bad <- [[a], [{decimals, a}], [{decimals, 3} | x], x, [{decimals, -1}],
                [{decimals, 254}], [{decimals, 1 bsl 70}], [{decimals, 3, 4}]]],
    erlang:display(catching(fun(X) -> float_to_list(X, []) end, N)).

unicode_conversions(N) ->
    Data = [$a, [<<"bç"/utf8>>, 300 + N], <<226, 130>> | <<172>>],
    erlang:display(unicode:characters_to_binary(Data, unicode)),
    erlang:display(unicode:characters_to_list(Data, utf8)),
    erlang:display(unicode:characters_to_binary([1, 2, 255, <<200>>], latin1)),
    erlang:display(unicode:characters_to_list(<<1, 200, 255>>, latin1)),
    [erlang:display({unicode:characters_to_binary(D, unicode),
                     unicode:characters_to_list(D, unicode),
                     unicode:characters_to_binary(D, latin1)})
     || D <- [[1, 2, [<<"ab">>, 300], 16#110000, 5],
              [1, 2, [<<"ab">>, 300, [16#D800, 7]], 5],
              [1, <<"a", 16#C3>>],
              [1, <<"a", 16#C3>>, 65],
              [1, <<"a", 16#FF, 1, 2>>, 65],
              [<<16#E2>>, [<<16#82, 16#AC, 16#FF>>], 1],
              [[[<<226>>]], [[<<130>>, 5]]],
              [1, [2, [3, <<255>>] | <<"zz">>]],
              [1 | <<255>>],
              [<<240>>, <<65>>],
              [<<240>>, <<144>>, <<65, 66>>, 1],
              [[<<226>> | <<130>>] | <<65>>],
              <<"ab", 16#E2, 16#82>>,
              <<16#F8>>,
              [-1],
              [1 bsl 70]]],
    [erlang:display(catching(fun({D, E}) -> unicode:characters_to_binary(D, E) end, Bad))
     || Bad <- [{[a], unicode}, {[1 | 2], utf8}, {[1, 2], foo}, {<<1:1>>, utf8},
                {1, latin1}, {[1.0], unicode}, {[-1 | 2], unicode}]],
    erlang:display(unicode:characters_to_binary([<<0, 65>>, 300 + N], utf16)),
    [erlang:display({unicode:characters_to_binary(D, E), unicode:characters_to_list(D, E)})
     || {D, E} <- [{[<<0, 65, 216>>, [<<0>>, 5]], utf16}, {[<<65, 0, 0>> | <<0, 66>>], {utf32, little}},
                   {[[<<0>>], 65], utf16}, {[<<0, 65>>, -1, a], utf16},
                   {[<<0, 65, 16#D8, 0>>, <<16#DC>>, <<0, 0, 67>>], utf16},
                   {<<0, 65, 16#D8, 0, 0>>, {utf16, big}}, {[<<1, 0, 0>>, 2], {utf32, little}},
                   {[<<0, 0, 0, 65>>, 16#110000], utf32}, {[[<<16#3D>>] | <<16#D8, 0, 16#DE>>], {utf16, little}}]],
    {error, Done, Rest} = unicode:characters_to_binary([binary:copy(<<0, 65>>, 5000), N, <<16#DC, 0>>], utf16),
    erlang:display({byte_size(Done), [byte_size(B) || B <- Rest]}),
    [erlang:display(catching(fun({D, E}) -> unicode:characters_to_binary(D, E) end, Bad))
     || Bad <- [{[<<0, 65>>, a], utf16}, {[<<0, 65>> | 7], utf32}, {[1.0], {utf16, little}},
                {[<<1:1>>], utf16}, {[1], {utf16, middle}}]],
    erlang:display(unicode:characters_to_list(<<65:32/little, 66:32/little>>, {utf32, little})),
    erlang:display([unicode:bin_is_7bit(B) || B <- [<<"abc">>, <<"ab", 200>>, <<1:1>>, <<>>, "abc"]]).

iovecs(N) ->
    Big = binary:copy(<<N>>, 300),
    Cases = [[1, 2, <<3>>, [<<4, 5>> | <<6>>]], <<1, 2>>, <<>>, [], [<<>>, [], <<1>>, <<>>],
             [Big, <<1, 2>>, Big], [1, Big, 2], [Big, 1, Big], [binary:copy(<<1>>, 1000), 7]],
    [erlang:display([byte_size(B) || B <- erlang:iolist_to_iovec(C)]) || C <- Cases],
    erlang:display(iolist_to_binary(erlang:iolist_to_iovec([Big, 1, Big])) =:= iolist_to_binary([Big, 1, Big])),
    erlang:display(erlang:iolist_to_iovec([<<"ab">>, $c | <<"d">>])),
    [erlang:display(catching(fun(X) -> erlang:iolist_to_iovec(X) end, Bad))
     || Bad <- [[1 | 2], a, <<1:1>>, [<<1:1>>], [256], [-1]]].

matches(N) ->
    S = <<"abcde, abcde">>,
    erlang:display(binary:match(S, <<"cd">>)),
    erlang:display(binary:match(S, [<<"bcde">>, <<"cd">>])),
    erlang:display(binary:match(S, [<<"cd">>, <<"bcd">>, <<"bc">>])),
    erlang:display(binary:match(S, <<"x">>)),
    erlang:display(binary:match(S, <<"c">>, [{scope, {3, 9}}])),
    erlang:display(binary:match(S, <<"c">>, [{scope, {12, -10}}])),
    erlang:display(binary:match(S, <<"c">>, [{scope, {12, 0}}])),
    P = binary:compile_pattern([<<"e">>, <<"d">>]),
    erlang:display(element(1, P)),
    erlang:display(element(1, binary:compile_pattern(<<"d">>))),
    erlang:display(binary:match(S, P)),
    erlang:display(binary:match(S, P, [{scope, {5, N}}])),
    [erlang:display(catching(fun({Sub, Pat, O}) -> binary:match(Sub, Pat, O) end, Bad))
     || Bad <- [{S, <<>>, []}, {S, [], []}, {S, [<<"a">>, <<>>], []}, {S, <<"c">>, [global]},
                {S, <<"c">>, x}, {<<"a", 1:1>>, <<"a">>, []}, {S, <<"c">>, [{scope, {13, 0}}]},
                {S, <<"c">>, [{scope, {2, -3}}]}, {abc, <<"a">>, []}]],
    erlang:display(catching(fun(X) -> binary:compile_pattern(X) end, <<>>)).

maps_bifs(N) ->
    M = #{a => N, {b} => 2},
    erlang:display(map_get(a, M)),
    erlang:display(is_map_key({b}, M)),
    erlang:display(is_map_key(c, M)),
    erlang:display(catching(fun(K) -> map_get(K, M) end, c)),
    erlang:display(catching(fun(X) -> map_get(a, X) end, [N])),
    erlang:display(catching(fun(X) -> is_map_key(a, X) end, x)).

catching(F, Arg) ->
    try F(Arg) of
        Result -> {ok, Result}
    catch
        Class:Reason -> {Class, Reason}
    end.
