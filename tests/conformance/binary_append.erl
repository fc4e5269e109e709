%% Building binaries by appending in loops, iolists vs binaries, and large binary sizes.
-module(binary_append).
-export([main/1]).

main(_) ->
    B1 = build(1000, <<>>),
    p(byte_size(B1)),
    p(binary:part(B1, 0, 20)),
    p(binary:part(B1, byte_size(B1) - 10, 10)),
    B2 = lists:foldl(fun(I, Acc) -> <<Acc/binary, I:16>> end, <<>>, lists:seq(1, 500)),
    p(byte_size(B2)),
    <<First:16, _/binary>> = B2,
    p(First),
    p(sum16(B2, 0)),
    Big = binary:copy(<<"0123456789">>, 10000),
    p(byte_size(Big)),
    p(count_byte(Big, $7, 0)),
    Joined = join([<<"alpha">>, <<"beta">>, <<"gamma">>], <<", ">>),
    p(Joined),
    Escaped = escape(<<"a<b>&\"c\"">>, <<>>),
    p(Escaped),
    ok.

p(X) -> io:format("~p~n", [X]).

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, <<Acc/binary, (integer_to_binary_(N))/binary, " ">>).

integer_to_binary_(N) -> list_to_binary(integer_to_list(N)).

sum16(<<>>, S) -> S;
sum16(<<X:16, R/binary>>, S) -> sum16(R, S + X).

count_byte(<<>>, _, N) -> N;
count_byte(<<C, R/binary>>, C, N) -> count_byte(R, C, N + 1);
count_byte(<<_, R/binary>>, C, N) -> count_byte(R, C, N).

join([], _) -> <<>>;
join([H | T], Sep) -> lists:foldl(fun(X, Acc) -> <<Acc/binary, Sep/binary, X/binary>> end, H, T).

escape(<<>>, Acc) -> Acc;
escape(<<$<, R/binary>>, Acc) -> escape(R, <<Acc/binary, "&lt;">>);
escape(<<$>, R/binary>>, Acc) -> escape(R, <<Acc/binary, "&gt;">>);
escape(<<$&, R/binary>>, Acc) -> escape(R, <<Acc/binary, "&amp;">>);
escape(<<$", R/binary>>, Acc) -> escape(R, <<Acc/binary, "&quot;">>);
escape(<<C, R/binary>>, Acc) -> escape(R, <<Acc/binary, C>>).
