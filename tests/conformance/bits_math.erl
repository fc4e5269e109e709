%% Integer bit tricks: popcount, gray code, bit reversal, power of two tests, xorshift PRNG.
-module(bits_math).
-export([main/1]).

main(_) ->
    p([popcount(N) || N <- [0, 1, 255, 256, 1 bsl 100 - 1, 16#DEADBEEF]]),
    p([gray(N) || N <- lists:seq(0, 15)]),
    p([ungray(gray(N)) =:= N || N <- lists:seq(0, 255)] -- [true]),
    p([reverse8(N) || N <- [1, 2, 128, 16#F0, 16#AA]]),
    p([N || N <- lists:seq(1, 1100), pow2(N)]),
    p(xorshift(12345, 10)),
    p([msb(N) || N <- [1, 2, 3, 1024, 1 bsl 70]]),
    p([trailing_zeros(N) || N <- [1, 8, 12, 1 bsl 65]]),
    p(bits_to_int([1, 0, 1, 1, 0, 1])),
    p(int_to_bits(45)),
    p(isqrt_newton(1 bsl 80)),
    p(lists:foldl(fun(B, Acc) -> Acc bxor B end, 0, lists:seq(1, 100))),
    p(mask(12)),
    p(rotl32(16#80000001, 4)),
    ok.

p(X) -> io:format("~p~n", [X]).

popcount(0) -> 0;
popcount(N) -> (N band 1) + popcount(N bsr 1).

gray(N) -> N bxor (N bsr 1).
ungray(G) -> ungray(G, G bsr 1).
ungray(N, 0) -> N;
ungray(N, S) -> ungray(N bxor S, S bsr 1).

reverse8(B) -> <<R:8>> = list_to_bitstring_rev(B), R.
list_to_bitstring_rev(B) ->
    <<B0:1, B1:1, B2:1, B3:1, B4:1, B5:1, B6:1, B7:1>> = <<B:8>>,
    <<B7:1, B6:1, B5:1, B4:1, B3:1, B2:1, B1:1, B0:1>>.

pow2(N) -> N band (N - 1) =:= 0.

xorshift(_, 0) -> [];
xorshift(S, K) ->
    S1 = (S bxor (S bsl 13)) band 16#FFFFFFFF,
    S2 = S1 bxor (S1 bsr 17),
    S3 = (S2 bxor (S2 bsl 5)) band 16#FFFFFFFF,
    [S3 | xorshift(S3, K - 1)].

msb(N) -> msb(N, -1).
msb(0, A) -> A;
msb(N, A) -> msb(N bsr 1, A + 1).

trailing_zeros(N) when N band 1 =:= 1 -> 0;
trailing_zeros(N) -> 1 + trailing_zeros(N bsr 1).

bits_to_int(Bs) -> lists:foldl(fun(B, A) -> A * 2 + B end, 0, Bs).
int_to_bits(0) -> [];
int_to_bits(N) -> int_to_bits(N bsr 1) ++ [N band 1].

isqrt_newton(N) -> isqrt_newton(N, N).
isqrt_newton(N, X) ->
    Y = (X + N div X) bsr 1,
    if Y >= X -> X; true -> isqrt_newton(N, Y) end.

mask(Bits) -> (1 bsl Bits) - 1.
rotl32(X, R) -> ((X bsl R) bor (X bsr (32 - R))) band 16#FFFFFFFF.
