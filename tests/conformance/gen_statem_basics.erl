%% OTP's gen_statem, compiled from its .beam: a door lock in
%% state_functions mode (calls, casts, postponed events, a state timeout,
%% state enter calls) and a counter in handle_event_function mode (event
%% timeouts, generic timeouts, next_event, sys:get_state/replace_state).
-module(gen_statem_basics).
-behaviour(gen_statem).
-export([main/1, callback_mode/0, init/1, locked/3, open/3, handle_event/4,
         terminate/3]).

main(_) ->
    door(),
    counter(),
    io:format("done~n").

%% The door: state_functions, enter calls, postpone, state timeout.
door() ->
    {ok, Door} = gen_statem:start({local, door}, ?MODULE, {door, [1, 2, 3]}, []),
    io:format("~p~n", [gen_statem:call(door, state)]),
    io:format("~p~n", [gen_statem:call(door, {button, 1})]),
    io:format("~p~n", [gen_statem:call(door, {button, 9})]),
    [io:format("~p~n", [gen_statem:call(door, {button, B})]) || B <- [1, 2, 3]],
    %% Postponed while open, handled once locked again.
    ok = gen_statem:cast(door, {note, postponed}),
    io:format("~p~n", [gen_statem:call(door, state)]),
    %% The state timeout locks the door.
    timer:sleep(60),
    io:format("~p~n", [gen_statem:call(door, state)]),
    io:format("~p~n", [gen_statem:call(door, notes)]),
    {locked, Data} = sys:get_state(door),
    io:format("~p~n", [Data]),
    Ref = monitor(process, Door),
    ok = gen_statem:stop(door),
    receive {'DOWN', Ref, process, Door, Reason} -> io:format("stopped ~p~n", [Reason]) end.

%% The counter: handle_event_function, timeouts of each kind.
counter() ->
    {ok, Counter} = gen_statem:start_link(?MODULE, counter, []),
    io:format("~p~n", [gen_statem:call(Counter, get)]),
    gen_statem:cast(Counter, {add, 3}),
    io:format("~p~n", [gen_statem:call(Counter, get)]),
    io:format("~p~n", [gen_statem:call(Counter, {add_twice, 2})]),
    io:format("~p~n", [gen_statem:call(Counter, get)]),
    Counter ! {info, 10},
    io:format("~p~n", [gen_statem:call(Counter, get)]),
    io:format("~p~n", [gen_statem:call(Counter, {timeout_in, 20})]),
    timer:sleep(80),
    io:format("~p~n", [gen_statem:call(Counter, get)]),
    io:format("~p~n", [gen_statem:call(Counter, {event_timeout_in, 20})]),
    timer:sleep(80),
    io:format("~p~n", [gen_statem:call(Counter, get)]),
    io:format("~p~n", [sys:get_state(Counter)]),
    io:format("~p~n", [sys:replace_state(Counter, fun({S, N}) -> {S, N * 100} end)]),
    io:format("~p~n", [gen_statem:call(Counter, get)]),
    unlink(Counter),
    Ref = monitor(process, Counter),
    io:format("~p~n", [catch gen_statem:call(Counter, stop)]),
    %% Whether it is still alive right after the reply is a race (the
    %% server exits on another scheduler): wait for its end.
    receive {'DOWN', Ref, process, Counter, Why} -> io:format("down ~p~n", [Why]) end,
    io:format("~p~n", [is_process_alive(Counter)]).

callback_mode() ->
    case get(mode) of
        counter -> [handle_event_function];
        _ -> [state_functions, state_enter]
    end.

init({door, Code}) ->
    {ok, locked, #{code => Code, pressed => [], notes => [], opened => 0}};
init(counter) ->
    put(mode, counter),
    {ok, counting, 0}.

locked(enter, _Old, Data) ->
    {keep_state, Data#{pressed := []}};
locked({call, From}, state, _Data) ->
    {keep_state_and_data, [{reply, From, locked}]};
locked({call, From}, notes, #{notes := Notes}) ->
    {keep_state_and_data, [{reply, From, lists:reverse(Notes)}]};
locked({call, From}, {button, B}, #{code := Code, pressed := Pressed} = Data) ->
    Now = Pressed ++ [B],
    case Now of
        Code ->
            {next_state, open, Data#{pressed := []}, [{reply, From, opened}]};
        _ ->
            case lists:prefix(Now, Code) of
                true -> {keep_state, Data#{pressed := Now}, [{reply, From, {pressed, Now}}]};
                false -> {keep_state, Data#{pressed := []}, [{reply, From, wrong}]}
            end
    end;
locked(cast, {note, Note}, #{notes := Notes} = Data) ->
    {keep_state, Data#{notes := [{locked, Note} | Notes]}}.

open(enter, locked, #{opened := N} = Data) ->
    {keep_state, Data#{opened := N + 1}, [{state_timeout, 30, lock}]};
open(state_timeout, lock, Data) ->
    {next_state, locked, Data};
open({call, From}, state, _Data) ->
    {keep_state_and_data, [{reply, From, open}]};
open(cast, {note, _}, _Data) ->
    {keep_state_and_data, [postpone]}.

handle_event({call, From}, get, State, N) ->
    {keep_state_and_data, [{reply, From, {State, N}}]};
handle_event(cast, {add, M}, _State, N) ->
    {keep_state, N + M};
handle_event({call, From}, {add_twice, M}, _State, N) ->
    {keep_state, N, [{reply, From, queued}, {next_event, internal, {add, M}},
                     {next_event, internal, {add, M}}]};
handle_event(internal, {add, M}, _State, N) ->
    {keep_state, N + M};
handle_event(info, {info, M}, _State, N) ->
    {keep_state, N + M};
handle_event({call, From}, {timeout_in, T}, _State, N) ->
    {next_state, waiting, N, [{reply, From, ok}, {{timeout, tick}, T, ring}]};
handle_event({timeout, tick}, ring, waiting, N) ->
    {next_state, counting, N + 1000};
handle_event({call, From}, {event_timeout_in, T}, _State, N) ->
    {keep_state, N, [{reply, From, ok}, {timeout, T, idle}]};
handle_event(timeout, idle, State, N) ->
    {next_state, State, N + 1};
handle_event({call, From}, stop, _State, N) ->
    {stop_and_reply, normal, [{reply, From, {stopping, N}}]}.

terminate(Reason, State, _Data) ->
    io:format("terminate ~p in ~p~n", [Reason, State]).
