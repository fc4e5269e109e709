%% float_to_list(F, [short]) on values exactly halfway between two shortest
%% digit strings (Ryu keeps the even one), and on random floats: a hash
%% of 24,000 texts and the first few.
-module(float_ties).
-export([main/1]).
main(_) ->
    rand:seed(exsss, {1, 2, 3}),
    L = [float(K) + F || _ <- lists:seq(1, 3000),
                          K <- [rand:uniform(1 bsl 49) + (1 bsl 49)],
                          F <- [0.25, 0.75, 0.125, 0.375, 0.625, 0.875]]
      ++ [float(rand:uniform(1 bsl 52)) / 8 || _ <- lists:seq(1, 3000)]
      ++ [float(rand:uniform(1 bsl 50)) * 2.5e-17 || _ <- lists:seq(1, 3000)],
    io:format("~p~n", [erlang:phash2([float_to_list(X, [short]) || X <- L])]),
    io:format("~s~n", [[float_to_list(X, [short]) ++ " " || X <- lists:sublist(L, 12)]]).
