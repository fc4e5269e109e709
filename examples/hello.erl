%% The example the README's first command compiles.
-module(hello).
-export([main/1]).

main(Args) ->
    io:format("Hello from earts! Arguments: ~p~n", [Args]).
