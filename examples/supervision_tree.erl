%% A small supervision tree run by OTP's own supervisor, gen_server and
%% gen_statem: a top supervisor (one_for_one) over a counter server, a
%% traffic light state machine and an inner supervisor with a worker.
%% The counter is crashed on purpose and comes back with a fresh state;
%% a logger handler prints one line per report instead of the full
%% reports (whose pids and times differ between runs).
%%
%%   eartsc build examples/supervision_tree.erl -o tree && ./tree
%%
%% It prints the same on BEAM (tests/conformance/supervision_tree.erl is a
%% link to this file).
-module(supervision_tree).
-behaviour(supervisor).
-export([main/1, init/1, start_counter/0, start_light/0, start_inner/0,
         start_echo/0, handle_call/3, handle_cast/2, callback_mode/0,
         red/3, green/3, yellow/3, log/2]).

main(_) ->
    ok = logger:remove_handler(default),
    ok = logger:add_handler(tree_log, ?MODULE, #{}),
    {ok, Top} = supervisor:start_link({local, top}, ?MODULE, top),
    io:format("tree: ~p~n", [tree(top)]),

    io:format("counter: ~p~n", [[gen_server:call(counter, bump) || _ <- [1, 2, 3]]]),
    io:format("light: ~p~n", [[gen_statem:call(light, next) || _ <- [1, 2, 3, 4]]]),
    io:format("echo: ~p~n", [gen_server:call(echo, {echo, hello})]),

    io:format("crashing the counter~n"),
    Counter = whereis(counter),
    Ref = monitor(process, Counter),
    gen_server:cast(counter, crash),
    receive {'DOWN', Ref, process, Counter, Reason} -> ok end,
    %% The supervisor has seen the exit (and logged it) once it answers.
    _ = supervisor:which_children(top),
    io:format("counter died: ~p~n", [Reason]),
    io:format("counter restarted: ~p~n", [whereis(counter) =/= Counter]),
    io:format("counter: ~p~n", [gen_server:call(counter, bump)]),
    io:format("light kept its state: ~p~n", [gen_statem:call(light, next)]),
    io:format("counts: ~p~n", [supervisor:count_children(top)]),

    unlink(Top),
    TopRef = monitor(process, Top),
    exit(Top, shutdown),
    receive {'DOWN', TopRef, process, Top, Why} -> io:format("tree stopped: ~p~n", [Why]) end,
    io:format("left: ~p~n", [[whereis(N) || N <- [top, counter, light, inner, echo]]]).

%% The tree as nested {Id, Type} lists, from the supervisors' own view.
tree(Sup) ->
    [case Type of
         supervisor -> {Id, tree(Pid)};
         worker -> Id
     end || {Id, Pid, Type, _} <- lists:sort(supervisor:which_children(Sup))].

%% Supervisors.
init(top) ->
    Children = [#{id => counter, start => {?MODULE, start_counter, []}},
                #{id => light, start => {?MODULE, start_light, []}},
                #{id => inner, start => {?MODULE, start_inner, []}, type => supervisor}],
    {ok, {#{strategy => one_for_one, intensity => 3, period => 5}, Children}};
init(inner) ->
    {ok, {#{strategy => one_for_all}, [#{id => echo, start => {?MODULE, start_echo, []}}]}};
%% The gen_servers.
init(counter) -> {ok, 0};
init(echo) -> {ok, none};
%% The gen_statem.
init(light) -> {ok, red, 0}.

start_inner() -> supervisor:start_link({local, inner}, ?MODULE, inner).
start_counter() -> gen_server:start_link({local, counter}, ?MODULE, counter, []).
start_echo() -> gen_server:start_link({local, echo}, ?MODULE, echo, []).
start_light() -> gen_statem:start_link({local, light}, ?MODULE, light, []).

%% The counter and the echo server.
handle_call(bump, _From, N) -> {reply, N + 1, N + 1};
handle_call({echo, Term}, _From, State) -> {reply, Term, State}.

handle_cast(crash, N) -> {stop, {crashed_at, N}, N}.

%% The traffic light: red -> green -> yellow -> red, counting changes.
callback_mode() -> state_functions.

red({call, From}, next, N) -> {next_state, green, N + 1, [{reply, From, green}]}.
green({call, From}, next, N) -> {next_state, yellow, N + 1, [{reply, From, yellow}]}.
yellow({call, From}, next, N) -> {next_state, red, N + 1, [{reply, From, red}]}.

%% The logger handler: one line per report.
log(#{msg := {report, #{label := {gen_server, terminate}, name := Name, reason := Reason}}}, _) ->
    io:format("log: ~p terminated: ~p~n", [Name, Reason]);
log(#{msg := {report, #{label := {proc_lib, crash}, report := [Crasher | _]}}}, _) ->
    io:format("log: crash report for ~p~n", [proplists:get_value(registered_name, Crasher)]);
log(#{msg := {report, #{label := {supervisor, Context}, report := Report}}}, _) ->
    Offender = proplists:get_value(offender, Report),
    io:format("log: supervisor ~p: ~p of ~p~n",
              [element(2, proplists:get_value(supervisor, Report)), Context,
               proplists:get_value(id, Offender)]);
log(#{msg := Msg}, _) ->
    io:format("log: ~p~n", [Msg]).
