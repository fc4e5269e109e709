%% A process started with spawn/1,3 that dies of an error is reported by
%% the runtime to OTP's logger (not a proc_lib crash report): the event's
%% level, format, arguments and emulator metadata, as a handler sees them.
%% Exits and normal ends are not reported; an uncaught throw is, as
%% nocatch.
-module(crash_report_logger).
-export([main/1, log/2, explode/1]).

main(_) ->
    ok = logger:remove_handler(default),
    ok = logger:add_handler(digest, ?MODULE, #{}),
    Self = self(),
    wait(spawn_monitor(fun() -> erlang:error(boom) end)),
    wait(spawn_monitor(?MODULE, explode, [{bad, thing}])),
    wait(spawn_monitor(fun() -> exit(quietly) end)),
    wait(spawn_monitor(fun() -> throw(ball) end)),
    wait(spawn_monitor(fun() -> ok end)),
    wait(spawn_monitor(fun() -> 1 = length([Self]) + 1 end)),
    %% The handler runs in the crashing process's stead: let it print.
    logger_sync(),
    io:format("done~n").

explode(What) -> erlang:error({exploded, What}).

wait({Pid, Ref}) ->
    receive {'DOWN', Ref, process, Pid, _} -> ok end.

logger_sync() ->
    _ = sys:get_state(logger),
    timer:sleep(20),
    _ = sys:get_state(logger).

%% The handler: what the event says, without pids and times.
log(#{level := Level, msg := {Format, [Pid, Reason]}, meta := Meta}, _Config)
  when is_pid(Pid) ->
    #{error_logger := Origin, gl := GL, pid := MetaPid, time := Time} = Meta,
    io:format("~w ~s ~w ~w ~w ~w~n",
              [Level, Format, strip(Reason), Origin, is_pid(GL),
               {MetaPid =:= Pid, is_integer(Time)}]);
log(#{msg := Msg}, _Config) ->
    io:format("other ~p~n", [Msg]).

strip({Reason, Stack}) when is_list(Stack) -> Reason;
strip(Reason) -> Reason.
