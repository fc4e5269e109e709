%% register/whereis/unregister, send to registered name, registered/0 membership, make_ref uniqueness.
-module(procs_registry).
-export([main/1]).

main(_) ->
    Self = self(),
    P = spawn(fun() -> server(0) end),
    p(register(counter, P)),
    p(whereis(counter) =:= P),
    p(whereis(no_such_name)),
    counter ! {incr, 5},
    counter ! {incr, 7},
    counter ! {get, Self},
    p(receive {count, N} -> N end),
    p(lists:member(counter, registered())),
    p(try register(counter, self()) catch error:E -> E end),
    p(try register(other, not_a_pid) catch error:E2 -> E2 end),
    p(try no_such_name ! hello catch error:E3 -> E3 end),
    p(unregister(counter)),
    p(whereis(counter)),
    p(try unregister(counter) catch error:E4 -> E4 end),
    p(register(me, self())),
    me ! to_myself,
    p(receive to_myself -> got_it after 100 -> missing end),
    unregister(me),
    P ! stop,
    R1 = make_ref(),
    R2 = make_ref(),
    p(R1 =:= R2),
    p(R1 =:= R1),
    p(is_reference(R1)),
    Refs = [make_ref() || _ <- lists:seq(1, 100)],
    p(length(lists:usort(Refs))),
    Tag = make_ref(),
    Self ! {Tag, tagged},
    Self ! {make_ref(), other},
    p(receive {Tag, V} -> V end),
    p(receive {_, V2} -> V2 end),
    p(Self ! bang_result),
    p(receive bang_result -> ok end),
    ok.

p(X) -> io:format("~p~n", [X]).

server(N) ->
    receive
        {incr, K} -> server(N + K);
        {get, From} -> From ! {count, N}, server(N);
        stop -> ok
    end.
