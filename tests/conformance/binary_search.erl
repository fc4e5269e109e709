%% binary:split, match, matches and replace.
-module(binary_search).
-export([main/1]).

main(_) ->
    B = <<"the quick brown fox jumps over the lazy dog">>,
    p(binary:split(B, <<" ">>)),
    p(binary:split(B, <<" ">>, [global])),
    p(binary:split(<<"a,,b">>, <<",">>, [global, trim_all])),
    p(binary:split(<<"a-b_c">>, [<<"-">>, <<"_">>], [global])),
    p(binary:match(B, <<"fox">>)),
    p(binary:match(B, <<"cat">>)),
    p(binary:match(B, [<<"dog">>, <<"the">>])),
    p(binary:matches(B, <<"the">>)),
    p(binary:matches(B, [<<"o">>, <<"u">>])),
    p(binary:replace(B, <<"the">>, <<"THE">>)),
    p(binary:replace(B, <<"o">>, <<"0">>, [global])),
    p(binary:replace(<<"abc">>, <<"b">>, <<"[]">>, [{insert_replaced, 1}])),
    ok.

p(X) -> io:format("~p~n", [X]).
