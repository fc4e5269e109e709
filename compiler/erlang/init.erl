%% earts' own `init`: a compiled program has no boot script, no code
%% server and no init process, so this module answers what OTP code asks
%% of init from what the program has: its command line and environment.
-module(init).
-export([get_arguments/0, get_argument/1, get_plain_arguments/0,
         stop/0, stop/1, get_status/0]).

%% The flags erl would have: none but the ones escript runs with.
get_arguments() ->
    Home = case os:getenv("HOME") of
               false -> [];
               Dir -> [{home, [Dir]}]
           end,
    [{progname, ["erl"]}] ++ Home ++ [{noshell, []}].

get_argument(Flag) when is_atom(Flag) ->
    case [Values || {F, Values} <- get_arguments(), F =:= Flag] of
        [] -> error;
        All -> {ok, All}
    end.

%% The program's name and its arguments, as escript's script name and
%% arguments.
get_plain_arguments() ->
    earts_io:arguments().

stop() -> stop(0).

stop(Status) -> erlang:halt(Status).

get_status() -> {started, started}.
