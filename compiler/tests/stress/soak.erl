%% The soak test's program (`compiler/tests/stress.rs`): for a number of
%% milliseconds, random spawns, links, unlinks, exits and messages among
%% a changing population of workers, chosen by a fixed-seed generator.
%% Every message a worker gets from the controller, or from another
%% worker on the controller's behalf, is acknowledged to the controller;
%% at the end every message must be acknowledged exactly once, or its
%% sender or receiver must have died. Two rounds of synchronisation with
%% every survivor find deadlocks (a survivor that never answers).
-module(soak).
-export([main/1]).

-define(POPULATION, 200).
-define(SYNC_TIMEOUT, 20000).

-record(state, {
    workers = [] :: [pid()],
    count = 0 :: non_neg_integer(),
    dead = #{} :: #{pid() => true},
    %% Seq => {Sender, Receiver} of every message not acknowledged yet.
    pending = #{} :: #{non_neg_integer() => {pid(), pid()}},
    seq = 0 :: non_neg_integer(),
    random :: non_neg_integer(),
    stats = #{} :: #{atom() => non_neg_integer()}
}).

main([Millis]) ->
    process_flag(trap_exit, true),
    Deadline = erlang:monotonic_time(millisecond) + list_to_integer(Millis),
    State0 = lists:foldl(fun(_, S) -> spawn_worker(S) end,
                         #state{random = 20261127}, lists:seq(1, ?POPULATION)),
    State1 = run(Deadline, State0, 0),
    State2 = settle(settle(State1)),
    check(State2).

%% ---- The random traffic ----

run(Deadline, State, Step) ->
    Drained = drain(State),
    Stop = Step rem 64 =:= 0 andalso erlang:monotonic_time(millisecond) >= Deadline,
    case Stop of
        true -> Drained;
        false -> run(Deadline, act(Drained), Step + 1)
    end.

act(#state{count = Count} = State) when Count < ?POPULATION div 2 ->
    spawn_worker(State);
act(State0) ->
    {Choice, State1} = random(100, State0),
    {Worker, State2} = pick(State1),
    if
        Choice < 40 ->
            send_message(Worker, State2);
        Choice < 60 ->
            {Other, State3} = pick(State2),
            forward_message(Worker, Other, State3);
        Choice < 68 ->
            {Other, State3} = pick(State2),
            Worker ! {link, Other},
            bump(links, State3);
        Choice < 72 ->
            {Other, State3} = pick(State2),
            Worker ! {unlink, Other},
            bump(unlinks, State3);
        Choice < 78 ->
            Worker ! spawn_child,
            bump(child_spawns, State2);
        Choice < 84, State2#state.count < 2 * ?POPULATION ->
            spawn_worker(State2);
        Choice < 90 ->
            {Reason, State3} = exit_reason(State2),
            Worker ! {die, Reason},
            bump(exits, State3);
        Choice < 95 ->
            {Reason, State3} = exit_reason(State2),
            exit(Worker, Reason),
            bump(exit_signals, State3);
        true ->
            exit(Worker, kill),
            bump(kills, State2)
    end.

exit_reason(State0) ->
    {N, State1} = random(3, State0),
    {element(N + 1, {normal, crash, {shutdown, soak}}), State1}.

send_message(Worker, #state{seq = Seq, pending = Pending} = State) ->
    Worker ! {msg, Seq},
    bump(messages, State#state{seq = Seq + 1, pending = Pending#{Seq => {self(), Worker}}}).

forward_message(Worker, Other, #state{seq = Seq, pending = Pending} = State) ->
    Worker ! {forward, Other, Seq},
    bump(forwards, State#state{seq = Seq + 1, pending = Pending#{Seq => {Worker, Other}}}).

spawn_worker(State0) ->
    {Trap, State1} = random(2, State0),
    Controller = self(),
    Pid = spawn(fun() -> worker(Controller, Trap =:= 1) end),
    adopt(Pid, bump(spawns, State1)).

adopt(Pid, #state{workers = Workers, count = Count} = State) ->
    erlang:monitor(process, Pid),
    State#state{workers = [Pid | Workers], count = Count + 1}.

%% A worker, dead or alive (a message to a dead one is lost with it).
pick(#state{workers = Workers, count = Count} = State0) ->
    {N, State1} = random(Count, State0),
    {lists:nth(N + 1, Workers), State1}.

bump(Key, #state{stats = Stats} = State) ->
    State#state{stats = maps:update_with(Key, fun(N) -> N + 1 end, 1, Stats)}.

%% A linear congruential generator: the same choices on every runtime.
random(Range, #state{random = X} = State) ->
    Next = (X * 1103515245 + 12345) band 16#7fffffff,
    {(Next bsr 8) rem Range, State#state{random = Next}}.

%% ---- What comes back ----

drain(State) ->
    receive
        Message -> drain(handle(Message, State))
    after 0 -> State
    end.

handle({got, Seq}, #state{pending = Pending} = State) ->
    case maps:take(Seq, Pending) of
        {_, Rest} -> bump(acknowledged, State#state{pending = Rest});
        error -> fail({unexpected_acknowledgement, Seq})
    end;
handle({child, Pid}, State) ->
    adopt(Pid, State);
handle({'DOWN', _, process, Pid, _}, #state{workers = Workers, count = Count, dead = Dead} = State) ->
    bump(deaths, State#state{workers = lists:delete(Pid, Workers), count = Count - 1,
                             dead = Dead#{Pid => true}});
handle({'EXIT', _, _}, State) ->
    State;
%% The answer of a survivor that died before its turn came in `await/3`.
handle({synced, _, _}, State) ->
    State;
handle(Other, _State) ->
    fail({unexpected_message, Other}).

%% Every survivor answers a synchronisation after it has handled every
%% message sent to it before; a message a survivor forwarded in the first
%% round has reached its receiver by the second.
settle(#state{workers = Workers} = State0) ->
    Ref = make_ref(),
    [Worker ! {sync, Ref} || Worker <- Workers],
    await(Ref, Workers, State0).

await(_Ref, [], State) -> drain(State);
await(Ref, [Worker | Rest], #state{dead = Dead} = State) when is_map_key(Worker, Dead) ->
    await(Ref, Rest, State);
await(Ref, [Worker | Rest], State) ->
    receive
        {synced, Ref, Worker} -> await(Ref, Rest, State);
        {'DOWN', _, process, Worker, _} = Down -> await(Ref, Rest, handle(Down, State));
        Message when element(1, Message) =/= synced -> await(Ref, [Worker | Rest], handle(Message, State))
    after ?SYNC_TIMEOUT ->
        fail({deadlock, Worker, process_info(Worker, [status, message_queue_len])})
    end.

check(#state{pending = Pending, dead = Dead, stats = Stats, workers = Workers}) ->
    Unaccounted = [Seq || {Seq, {From, To}} <- maps:to_list(Pending),
                          not maps:is_key(From, Dead), not maps:is_key(To, Dead)],
    case Unaccounted of
        [] -> ok;
        _ -> fail({lost_messages, length(Unaccounted), lists:sublist(lists:sort(Unaccounted), 10)})
    end,
    [exit(Worker, kill) || Worker <- Workers],
    Lost = maps:size(Pending),
    io:format("soak ok: ~p lost with a dead process, ~p~n", [Lost, lists:sort(maps:to_list(Stats))]).

fail(Why) ->
    io:format("soak FAILED: ~p~n", [Why]),
    halt(1).

%% ---- A worker ----

worker(Controller, Trap) ->
    process_flag(trap_exit, Trap),
    worker_loop(Controller, Trap).

worker_loop(Controller, Trap) ->
    receive
        {msg, Seq} ->
            Controller ! {got, Seq};
        {forward, To, Seq} ->
            To ! {msg, Seq};
        {link, Other} ->
            catch link(Other);
        {unlink, Other} ->
            unlink(Other);
        spawn_child ->
            Child = spawn_link(fun() -> worker(Controller, not Trap) end),
            Controller ! {child, Child};
        {die, Reason} ->
            exit(Reason);
        {sync, Ref} ->
            Controller ! {synced, Ref, self()};
        {'EXIT', _, _} ->
            ok
    end,
    worker_loop(Controller, Trap).
