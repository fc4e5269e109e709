%% What OTP's kernel application has started by the time escript runs
%% `main/1`, for programs that link OTP's logger (every program using
%% `proc_lib`, `gen_server`, `supervisor`, ...): the application
%% environment table, empty (`application:get_env/2` answers from it),
%% OTP's own logger server with a default handler that prints as escript's
%% does, and `kernel_sup`, the supervisor `timer` starts its server under.
%% The linker links `start/0` and `init/1` only into programs that link
%% `logger_backend`; the runtime then has the runner call `start/0` first.
-module(earts_kernel).
-export([start/0, init/1]).

start() ->
    start_environment(),
    start_logger(),
    start_kernel_sup().

%% `kernel_sup`'s flags are kernel's; its children come on demand.
init(kernel_sup) ->
    {ok, {#{strategy => one_for_all, intensity => 0, period => 1}, []}}.

start_kernel_sup() ->
    {ok, Sup} = supervisor:start_link({local, kernel_sup}, ?MODULE, kernel_sup),
    true = unlink(Sup),
    ok.

%% `ac_tab` belongs to `application_controller` on BEAM; here a process that
%% only keeps the table alive owns it.
start_environment() ->
    Parent = self(),
    Keeper = spawn(fun() ->
                           ets:new(ac_tab, [set, public, named_table,
                                            {read_concurrency, true}]),
                           Parent ! {self(), ac_tab},
                           receive after infinity -> ok end
                   end),
    receive {Keeper, ac_tab} -> ok end.

%% OTP's logger server starts with its `simple` handler (for logging
%% before kernel is up); kernel swaps it for the `default` one, which
%% writes to standard output through `user` with the legacy report
%% headers. The filters are kernel's defaults: reports of the `otp`
%% domain and its subdomains except `sasl` ones (progress reports), and
%% events without a domain, from processes whose group leader is local.
start_logger() ->
    {ok, _} = gen_server:start({local, logger}, logger_server, [], []),
    ok = logger:remove_handler(simple),
    Filters = [{remote_gl, {fun logger_filters:remote_gl/2, stop}},
               {domain, {fun logger_filters:domain/2, {log, super, [otp, sasl]}}},
               {no_domain, {fun logger_filters:domain/2, {log, undefined, []}}}],
    Formatter = {logger_formatter, #{legacy_header => true, single_line => false}},
    ok = logger:add_handler(default, earts_logger_h,
                            #{filter_default => stop, filters => Filters,
                              formatter => Formatter}).
