%% OTP's supervisor, compiled from its .beam: the four strategies, restart
%% types, the child API, restart intensity and nested supervisors. Crashes
%% are logged by OTP's logger; a handler of this module prints a digest of
%% each report (and one report formatted in full, with pids masked and the
%% time fixed), since pids and times differ between runs.
-module(supervisor_basics).
-behaviour(supervisor).
-export([main/1, init/1, start_worker/1, start_sup/2,
         handle_call/3, handle_cast/2, log/2]).

main(_) ->
    ok = logger:remove_handler(default),
    ok = logger:add_handler(digest, ?MODULE, #{}),
    one_for_one(),
    one_for_all(),
    rest_for_one(),
    restart_types(),
    child_api(),
    simple_one_for_one(),
    intensity(),
    nested(),
    io:format("done~n").

%% A supervisor of `Strategy` with workers `Names` (permanent unless a
%% name comes as {Name, RestartType}).
start(Strategy, Names) ->
    start(#{strategy => Strategy}, Names, []).

start(Flags, Names, Extra) ->
    Children = [worker_spec(Name) || Name <- Names] ++ Extra,
    {ok, Sup} = supervisor:start_link(?MODULE, {Flags, Children}),
    unlink(Sup),
    Sup.

worker_spec({Name, Restart}) ->
    #{id => Name, start => {?MODULE, start_worker, [Name]}, restart => Restart};
worker_spec(Name) ->
    worker_spec({Name, permanent}).

stop(Sup) ->
    Ref = monitor(process, Sup),
    exit(Sup, shutdown),
    receive {'DOWN', Ref, process, Sup, Reason} -> Reason end.

%% Makes worker `Name` end with `Reason` and waits until it is gone.
crash(Name, Reason) ->
    Pid = whereis(Name),
    Ref = monitor(process, Pid),
    gen_server:cast(Name, {stop_with, Reason}),
    receive {'DOWN', Ref, process, Pid, _} -> ok end.

%% Which children have the same pid as before (`Before`).
kept(Sup, Before) ->
    [{Id, case lists:member(Pid, Before) of
              true -> same;
              false when is_pid(Pid) -> restarted;
              false -> Pid
          end} || {Id, Pid, _, _} <- lists:sort(supervisor:which_children(Sup))].

pids(Sup) ->
    [Pid || {_, Pid, _, _} <- supervisor:which_children(Sup)].

one_for_one() ->
    Sup = start(one_for_one, [a, b]),
    io:format("~p~n", [[{Id, Type, Mods} || {Id, _, Type, Mods} <- lists:sort(supervisor:which_children(Sup))]]),
    io:format("~p~n", [supervisor:count_children(Sup)]),
    ok = gen_server:call(a, {add, 5}),
    Before = pids(Sup),
    crash(a, crashed),
    io:format("one_for_one ~p~n", [kept(Sup, Before)]),
    io:format("state after restart ~p~n", [gen_server:call(a, get)]),
    io:format("~p~n", [stop(Sup)]).

one_for_all() ->
    Sup = start(one_for_all, [a, b, c]),
    Before = pids(Sup),
    crash(b, {shutdown, quietly}),
    io:format("one_for_all ~p~n", [kept(Sup, Before)]),
    io:format("~p~n", [stop(Sup)]).

rest_for_one() ->
    Sup = start(rest_for_one, [a, b, c]),
    Before = pids(Sup),
    crash(b, {shutdown, quietly}),
    io:format("rest_for_one ~p~n", [kept(Sup, Before)]),
    io:format("~p~n", [stop(Sup)]).

restart_types() ->
    Sup = start(one_for_one, [{t1, transient}, {t2, transient}, {tmp, temporary}]),
    Before = pids(Sup),
    crash(t1, normal),
    crash(t2, {shutdown, quietly}),
    crash(tmp, crashed),
    io:format("after normal/shutdown ~p~n", [kept(Sup, Before)]),
    Sup2 = start(one_for_one, [{t3, transient}]),
    crash(t3, crashed),
    io:format("transient crashed ~p~n", [[Id || {Id, Pid, _, _} <- supervisor:which_children(Sup2), is_pid(Pid)]]),
    stop(Sup),
    stop(Sup2).

child_api() ->
    Sup = start(one_for_one, [a]),
    {ok, B} = supervisor:start_child(Sup, worker_spec(b)),
    io:format("~p~n", [B =:= whereis(b)]),
    {error, {already_started, _}} = supervisor:start_child(Sup, worker_spec(b)),
    io:format("~p~n", [supervisor:terminate_child(Sup, b)]),
    io:format("~p~n", [[{Id, Pid} || {Id, Pid, _, _} <- lists:sort(supervisor:which_children(Sup)), not is_pid(Pid)]]),
    io:format("~p~n", [supervisor:start_child(Sup, worker_spec(b))]),
    {ok, Pid} = supervisor:restart_child(Sup, b),
    io:format("~p~n", [Pid =:= whereis(b)]),
    io:format("~p~n", [supervisor:restart_child(Sup, b)]),
    io:format("~p~n", [supervisor:delete_child(Sup, b)]),
    io:format("~p~n", [supervisor:terminate_child(Sup, b)]),
    io:format("~p~n", [supervisor:delete_child(Sup, b)]),
    io:format("~p~n", [supervisor:restart_child(Sup, nope)]),
    io:format("~p~n", [supervisor:count_children(Sup)]),
    io:format("~p~n", [catch supervisor:start_child(Sup, #{id => bad})]),
    io:format("~p~n", [supervisor:check_childspecs([worker_spec(x)])]),
    stop(Sup).

simple_one_for_one() ->
    Template = #{id => w, start => {?MODULE, start_worker, []}},
    {ok, Sup} = supervisor:start_link(?MODULE, {#{strategy => simple_one_for_one}, [Template]}),
    unlink(Sup),
    {ok, P1} = supervisor:start_child(Sup, [s1]),
    {ok, P2} = supervisor:start_child(Sup, [s2]),
    io:format("~p~n", [{whereis(s1) =:= P1, whereis(s2) =:= P2}]),
    io:format("~p~n", [supervisor:count_children(Sup)]),
    io:format("~p~n", [supervisor:terminate_child(Sup, P1)]),
    io:format("~p~n", [supervisor:terminate_child(Sup, P1)]),
    io:format("~p~n", [[Id || {Id, _, _, _} <- supervisor:which_children(Sup)]]),
    crash(s2, crashed),
    _ = supervisor:count_children(Sup),
    io:format("restarted ~p~n", [is_pid(whereis(s2)) andalso whereis(s2) =/= P2]),
    io:format("~p~n", [stop(Sup)]).

intensity() ->
    Sup = start(#{strategy => one_for_one, intensity => 1, period => 10}, [a], []),
    Ref = monitor(process, Sup),
    crash(a, crashed),
    io:format("after one crash ~p~n", [supervisor:count_children(Sup)]),
    crash(a, crashed),
    receive {'DOWN', Ref, process, Sup, Reason} -> io:format("supervisor ended: ~p~n", [Reason]) end.

nested() ->
    Inner = #{id => inner, start => {?MODULE, start_sup, [inner_sup, [b, c]]}, type => supervisor},
    Top = start(#{strategy => one_for_one}, [a], [Inner]),
    io:format("~p~n", [[{Id, Type} || {Id, _, Type, _} <- lists:sort(supervisor:which_children(Top))]]),
    io:format("~p~n", [[Id || {Id, _, _, _} <- lists:sort(supervisor:which_children(inner_sup))]]),
    InnerPid = whereis(inner_sup),
    Ref = monitor(process, InnerPid),
    exit(InnerPid, kill),
    receive {'DOWN', Ref, process, InnerPid, Why} -> ok end,
    %% The supervisor has seen the exit (and logged it) once it answers.
    _ = supervisor:which_children(Top),
    io:format("inner ended: ~p~n", [Why]),
    io:format("inner restarted ~p~n", [is_pid(whereis(inner_sup)) andalso whereis(inner_sup) =/= InnerPid]),
    io:format("~p~n", [lists:sort([Id || {Id, _, _, _} <- supervisor:which_children(inner_sup)])]),
    io:format("~p~n", [stop(Top)]),
    io:format("~p~n", [[whereis(N) || N <- [a, b, c, inner_sup]]]).

%% Children started by the supervisors.
start_worker(Name) ->
    gen_server:start_link({local, Name}, ?MODULE, {worker, Name}, []).

start_sup(Name, Workers) ->
    supervisor:start_link({local, Name}, ?MODULE, {#{strategy => one_for_one}, [worker_spec(W) || W <- Workers]}).

init({worker, _Name}) -> {ok, 0};
init({Flags, Children}) -> {ok, {Flags, Children}}.

handle_call(get, _From, N) -> {reply, N, N};
handle_call({add, M}, _From, N) -> {reply, ok, N + M}.

handle_cast({stop_with, Reason}, N) -> {stop, Reason, N}.

%% The logger handler: a line per report, without pids.
log(#{msg := {report, Report}} = Event, _Config) ->
    io:format("log: ~p~n", [digest(Report)]),
    case Report of
        #{label := {supervisor, child_terminated}, report := [{supervisor, {_, supervisor_basics}} | _]} ->
            full_text(Event);
        _ -> ok
    end;
log(#{msg := Msg}, _Config) ->
    io:format("log: other ~p~n", [Msg]).

digest(#{label := {gen_server, terminate}, name := Name, last_message := Last, reason := Reason}) ->
    {gen_server_terminate, Name, Last, Reason};
digest(#{label := {proc_lib, crash}, report := [Crasher, _Neighbours]}) ->
    {Class, Reason, _Stack} = proplists:get_value(error_info, Crasher),
    {crash_report, proplists:get_value(registered_name, Crasher),
     proplists:get_value(initial_call, Crasher), Class, Reason};
digest(#{label := {supervisor, Context}, report := Report}) ->
    Offender = proplists:get_value(offender, Report),
    {supervisor_report, Context, proplists:get_value(reason, Report),
     proplists:get_value(id, Offender)};
digest(#{label := Label}) ->
    {other, Label}.

%% The report as the default handler would print it, once per run.
full_text(#{msg := {report, Report}, meta := Meta} = Event) ->
    case persistent_term:get(printed, false) of
        true -> ok;
        false ->
            persistent_term:put(printed, true),
            Masked = Event#{msg := {report, mask(Report)}, meta := Meta#{time := 0}},
            Config = #{legacy_header => true, single_line => false},
            io:put_chars(logger_formatter:format(Masked, Config))
    end.

mask(Pid) when is_pid(Pid) -> '<pid>';
mask([H | T]) -> [mask(H) | mask(T)];
mask(Tuple) when is_tuple(Tuple) -> list_to_tuple(mask(tuple_to_list(Tuple)));
mask(Map) when is_map(Map) -> maps:map(fun(_, V) -> mask(V) end, Map);
mask(Other) -> Other.
