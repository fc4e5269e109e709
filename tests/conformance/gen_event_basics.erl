%% OTP's gen_event, compiled from its .beam: an event manager with two
%% handlers (one added twice under different ids), notify, sync_notify,
%% call, delete_handler, swap_handler, which_handlers and a handler that
%% removes itself.
-module(gen_event_basics).
-behaviour(gen_event).
-export([main/1, init/1, handle_event/2, handle_call/2, handle_info/2,
         terminate/2]).

main(_) ->
    {ok, Manager} = gen_event:start_link({local, events}),
    ok = gen_event:add_handler(events, ?MODULE, counter),
    ok = gen_event:add_handler(events, {?MODULE, log}, log),
    io:format("~p~n", [lists:sort(gen_event:which_handlers(events))]),
    ok = gen_event:notify(events, {add, 2}),
    ok = gen_event:sync_notify(events, {add, 3}),
    io:format("~p~n", [gen_event:call(events, ?MODULE, get)]),
    io:format("~p~n", [gen_event:call(events, {?MODULE, log}, get)]),
    Manager ! {add, 10},
    io:format("~p~n", [gen_event:call(events, ?MODULE, get)]),
    io:format("~p~n", [gen_event:call(events, nobody, get)]),
    io:format("~p~n", [gen_event:add_handler(events, ?MODULE, {fail, because})]),
    io:format("~p~n", [gen_event:delete_handler(events, {?MODULE, log}, bye)]),
    io:format("~p~n", [gen_event:delete_handler(events, {?MODULE, log}, bye)]),
    ok = gen_event:swap_handler(events, {?MODULE, swap_out}, {{?MODULE, log2}, swapped_in}),
    io:format("~p~n", [lists:sort(gen_event:which_handlers(events))]),
    io:format("~p~n", [gen_event:call(events, {?MODULE, log2}, get)]),
    ok = gen_event:sync_notify(events, remove_me),
    io:format("~p~n", [lists:sort(gen_event:which_handlers(events))]),
    ok = gen_event:stop(events),
    io:format("~p~n", [whereis(events)]),
    io:format("done~n").

init({fail, Why}) -> {error, Why};
init({swapped_in, From}) -> {ok, [{from, From}]};
init(counter) -> {ok, 0};
init(log) -> {ok, []}.

handle_event(remove_me, State) when is_list(State) -> remove_handler;
handle_event({add, N}, Count) when is_integer(Count) -> {ok, Count + N};
handle_event(Event, Log) when is_list(Log) -> {ok, [Event | Log]};
handle_event(_Event, State) -> {ok, State}.

handle_call(get, State) -> {ok, State, State}.

handle_info(Info, State) -> handle_event(Info, State).

terminate(swap_out, Count) when is_integer(Count) -> {swap_out, counter};
terminate(Reason, State) ->
    io:format("terminate ~p ~p~n", [Reason, State]).
