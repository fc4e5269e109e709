%% A module's -on_load function runs before anything calls the module:
%% on BEAM when the module is loaded, in an earts program at startup.
-module(on_load_hook).
-on_load(init/0).
-export([main/1]).

init() ->
    persistent_term:put({?MODULE, loaded}, [init_ran]),
    ok.

main(_) ->
    io:format("~p~n", [persistent_term:get({?MODULE, loaded})]).
