%% A JSON-ish encoder and decoder (integers only) over Erlang terms (maps, lists, binaries, numbers, atoms).
-module(json_encode).
-export([main/1]).

main(_) ->
    Docs = [#{<<"name">> => <<"earts">>, <<"version">> => 1, <<"tags">> => [<<"aot">>, <<"beam">>]},
            [1, 25, -3, true, false, null],
            <<"esc\"ape\\d\n">>,
            #{},
            [],
            #{<<"nested">> => #{<<"deep">> => [#{<<"k">> => <<"v">>}]}}],
    [begin
         J = iolist_to_binary(encode(D)),
         io:format("~s~n", [J]),
         io:format("~p~n", [decode(J) =:= D])
     end || D <- Docs],
    io:format("~p~n", [decode(<<" { \"a\" : [ 1 , 2 ] , \"b\" : \"x\" } ">>)]),
    ok.

encode(true) -> <<"true">>;
encode(false) -> <<"false">>;
encode(null) -> <<"null">>;
encode(N) when is_integer(N) -> integer_to_list(N);
encode(F) when is_float(F) -> float_to_list(F, [short]);
encode(B) when is_binary(B) -> [$", escape(B), $"];
encode(L) when is_list(L) -> [$[, lists:join($,, [encode(X) || X <- L]), $]];
encode(M) when is_map(M) ->
    Pairs = [[encode(K), $:, encode(V)] || {K, V} <- lists:sort(maps:to_list(M))],
    [${, lists:join($,, Pairs), $}].

escape(B) -> [esc(C) || <<C>> <= B].
esc($") -> "\\\"";
esc($\\) -> "\\\\";
esc($\n) -> "\\n";
esc(C) -> C.

decode(Bin) ->
    {V, Rest} = value(ws(Bin)),
    <<>> = ws(Rest),
    V.

ws(<<C, R/binary>>) when C =:= $\s; C =:= $\n; C =:= $\t -> ws(R);
ws(B) -> B.

value(<<"true", R/binary>>) -> {true, R};
value(<<"false", R/binary>>) -> {false, R};
value(<<"null", R/binary>>) -> {null, R};
value(<<$", R/binary>>) -> str(R, []);
value(<<$[, R/binary>>) -> arr(ws(R), []);
value(<<${, R/binary>>) -> obj(ws(R), #{});
value(B) -> num(B, []).

str(<<$", R/binary>>, Acc) -> {list_to_binary(lists:reverse(Acc)), R};
str(<<$\\, $n, R/binary>>, Acc) -> str(R, [$\n | Acc]);
str(<<$\\, C, R/binary>>, Acc) -> str(R, [C | Acc]);
str(<<C, R/binary>>, Acc) -> str(R, [C | Acc]).

arr(<<$], R/binary>>, Acc) -> {lists:reverse(Acc), R};
arr(B, Acc) ->
    {V, R} = value(ws(B)),
    case ws(R) of
        <<$,, R2/binary>> -> arr(ws(R2), [V | Acc]);
        <<$], R2/binary>> -> {lists:reverse([V | Acc]), R2}
    end.

obj(<<$}, R/binary>>, Acc) -> {Acc, R};
obj(B, Acc) ->
    {K, R} = value(ws(B)),
    <<$:, R1/binary>> = ws(R),
    {V, R2} = value(ws(R1)),
    case ws(R2) of
        <<$,, R3/binary>> -> obj(ws(R3), Acc#{K => V});
        <<$}, R3/binary>> -> {Acc#{K => V}, R3}
    end.

num(<<C, R/binary>>, Acc) when C >= $0, C =< $9; C =:= $- ->
    num(R, [C | Acc]);
num(R, Acc) ->
    S = lists:reverse(Acc),
    {list_to_integer(S), R}.
