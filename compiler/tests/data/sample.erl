%% A module that uses many instruction families, for the reader's tests.
-module(sample).
-export([main/1, classify/1, parse/1, area/1, total/1, safe_div/2, wait/1, make_adder/1]).

-record(point, {x = 0 :: integer(), y = 0 :: integer()}).

main(Args) ->
    io:format("~p~n", [[classify(A) || A <- Args]]),
    {ok, length(Args)}.

classify(N) when is_integer(N), N > 1 bsl 70 -> huge;
classify(N) when is_integer(N) -> {int, N * 2 + 1};
classify(F) when is_float(F) -> {float, F / 3.5};
classify(#{name := Name}) -> {map, Name};
classify(#point{x = X}) -> {point, X};
classify({_, _} = Pair) -> {pair, tuple_size(Pair)};
classify([_ | _] = L) -> {list, lists:reverse(L)};
classify(<<_/binary>> = B) -> {binary, byte_size(B)};
classify(Other) -> {other, Other}.

parse(<<Len:16, Body:Len/binary, Rest/bits>>) -> {Body, Rest};
parse(<<"utf8:", C/utf8, _/binary>>) -> {char, C};
parse(<<F:64/float, _/binary>>) -> {float, F};
parse(_) -> error.

area({circle, R}) -> math:pi() * R * R;
area({rect, W, H}) -> W * H;
area(#point{} = P) -> P#point{x = 1}.

total(Map) -> maps:fold(fun(_, V, Acc) -> V + Acc end, 0, Map#{extra => 1}).

safe_div(A, B) ->
    try A div B of
        Q -> {ok, Q}
    catch
        error:badarith:Stack -> {error, badarith, length(Stack)};
        throw:T -> {thrown, T}
    after
        ok
    end.

wait(Ref) ->
    receive
        {Ref, Reply} -> Reply;
        {other, _} = M -> self() ! M, wait(Ref)
    after 100 -> timeout
    end.

make_adder(N) -> fun(X) -> X + N end.
