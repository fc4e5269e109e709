%% OTP's gen_server, compiled from its .beam, running a counter: start_link,
%% call, cast, info messages, a call that stops the server, and a monitor
%% seeing it go.
-module(gen_server_basics).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2]).

main(_) ->
    {ok, Pid} = gen_server:start_link(?MODULE, 10, []),
    io:format("~p~n", [gen_server:call(Pid, get)]),
    ok = gen_server:cast(Pid, {add, 5}),
    io:format("~p~n", [gen_server:call(Pid, get)]),
    Pid ! tick,
    io:format("~p~n", [gen_server:call(Pid, get)]),
    {ok, Named} = gen_server:start({local, counter}, ?MODULE, 0, []),
    io:format("~p~n", [whereis(counter) =:= Named]),
    io:format("~p~n", [gen_server:call(counter, {add_and_get, 3})]),
    io:format("~p~n", [gen_server:call(counter, {add_and_get, 4})]),
    Ref = monitor(process, Pid),
    io:format("~p~n", [gen_server:call(Pid, stop)]),
    io:format("~p~n", [receive {'DOWN', Ref, process, Pid, Why} -> Why after 1000 -> timeout end]),
    io:format("~p~n", [catch gen_server:call(counter, unknown_call, 100)]),
    io:format("done~n").

init(N) -> {ok, N}.

handle_call(get, _From, N) -> {reply, N, N};
handle_call({add_and_get, M}, _From, N) -> {reply, N + M, N + M};
handle_call(stop, _From, N) -> {stop, normal, stopping, N};
handle_call(_Other, _From, N) -> {noreply, N}.

handle_cast({add, M}, N) -> {noreply, N + M}.

handle_info(tick, N) -> {noreply, N + 100}.

terminate(_Reason, _State) -> ok.
