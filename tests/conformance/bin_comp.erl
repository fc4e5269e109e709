%% Bit-string generators in list comprehensions (binary-producing
%% comprehensions are not compiled by earts yet: bs_init_writable).
-module(bin_comp).
-export([main/1]).

main(_) ->
    p([X || <<X:4>> <= <<16#ABCD:16>>]),
    p([{A, B} || <<A:8, B:8>> <= <<1, 2, 3, 4, 5, 6>>]),
    p([B || <<B:1>> <= <<2#10110001>>]),
    p([U || <<U/utf8>> <= <<"h\x{e4}\x{20ac}"/utf8>>]),
    p([X || <<X:3>> <= <<255, 0>>]),
    ok.

p(X) -> io:format("~p~n", [X]).

