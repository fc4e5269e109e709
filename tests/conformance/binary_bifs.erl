%% Binaries to and from lists and iolists, and the badarg each BIF raises
%% for what is not its input.
-module(binary_bifs).
-export([main/1]).

main(Args) ->
    N = length(Args),
    Deep = [$a, [<<"bc">>, [], [$d | <<"ef">>]], <<>>, N + 103],
    erlang:display(binary_to_list(<<1, 2, 255>>)),
    erlang:display(binary_to_list(<<>>)),
    erlang:display(list_to_binary(Deep)),
    erlang:display(list_to_binary([])),
    erlang:display(iolist_to_binary(Deep)),
    erlang:display(iolist_to_binary(<<"as is">>)),
    erlang:display(iolist_size(Deep)),
    erlang:display(iolist_size(<<"four">>)),
    erlang:display(iolist_size(long(100000, []))),
    [erlang:display(catching(F, Bad))
     || F <- [fun(X) -> binary_to_list(X) end, fun(X) -> list_to_binary(X) end,
              fun(X) -> iolist_to_binary(X) end, fun(X) -> iolist_size(X) end],
        Bad <- [<<1:3>>, [256], [-1], [a], [1 | 2], atom, [<<1:1>>], 3.0]].

long(0, Acc) -> Acc;
long(K, Acc) -> long(K - 1, [Acc, K rem 256]).

catching(F, Arg) ->
    try F(Arg) of
        Result -> {ok, Result}
    catch
        Class:Reason -> {Class, Reason}
    end.
