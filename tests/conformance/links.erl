%% Links and exit signals: spawn_link, link/unlink, trap_exit, exit/2
%% with normal, kill and other reasons, cascades along links, and
%% monitors seeing how linked processes died.
-module(links).
-export([main/1]).

main(_) ->
    process_flag(trap_exit, true),
    %% A linked child that ends normally or crashes.
    A = spawn_link(fun() -> ok end),
    io:format("~p~n", [exit_of(A)]),
    B = spawn_link(fun() -> exit(boom) end),
    io:format("~p~n", [exit_of(B)]),
    %% exit/2 with kill becomes killed; a trapping target gets a message.
    C = spawn_link(fun() -> receive _ -> ok end end),
    exit(C, kill),
    io:format("~p~n", [exit_of(C)]),
    D = spawn_link(fun() -> process_flag(trap_exit, true),
                            receive {'EXIT', _, R} -> exit({got, R}) end end),
    timer:sleep(5),
    exit(D, please_stop),
    io:format("~p~n", [exit_of(D)]),
    %% normal is ignored by a process that does not trap exits.
    E = spawn_link(fun() -> receive stop -> exit(stopped) end end),
    exit(E, normal),
    timer:sleep(5),
    io:format("alive after normal: ~p~n", [is_process_alive(E)]),
    E ! stop,
    io:format("~p~n", [exit_of(E)]),
    %% A cascade: Top -> Middle -> Bottom, Bottom crashes.
    Parent = self(),
    Top = spawn(fun() ->
                    Middle = spawn_link(fun() ->
                                            Bottom = spawn_link(fun() -> receive go -> exit(crash) end end),
                                            Parent ! {bottom, Bottom},
                                            receive never -> ok end
                                        end),
                    Parent ! {middle, Middle},
                    receive never -> ok end
                end),
    Ref = monitor(process, Top),
    Middle = receive {middle, M0} -> M0 end,
    Bottom = receive {bottom, B0} -> B0 end,
    MRef = monitor(process, Middle),
    Bottom ! go,
    io:format("~p~n", [down_of(MRef)]),
    io:format("~p~n", [down_of(Ref)]),
    %% unlink: no signal afterwards.
    F = spawn_link(fun() -> receive go -> exit(after_unlink) end end),
    unlink(F),
    F ! go,
    receive {'EXIT', F, Why} -> io:format("unexpected ~p~n", [Why]) after 20 -> io:format("unlinked~n") end,
    %% link to a process that is gone, while trapping exits.
    G = spawn(fun() -> ok end),
    timer:sleep(5),
    link(G),
    io:format("~p~n", [exit_of(G)]),
    %% exit(self(), normal) while trapping: a message.
    exit(self(), normal),
    receive {'EXIT', Self, normal} -> io:format("self normal: ~p~n", [Self =:= self()]) end,
    io:format("~p~n", [process_flag(trap_exit, false)]),
    %% A child killed by a link when its parent crashes.
    H = spawn(fun() ->
                  Child = spawn_link(fun() -> receive never -> ok end end),
                  Parent ! {child, Child},
                  receive go -> exit(parent_crash) end
              end),
    Child = receive {child, C0} -> C0 end,
    CRef = monitor(process, Child),
    H ! go,
    io:format("~p~n", [down_of(CRef)]),
    io:format("done~n").

exit_of(Pid) ->
    receive {'EXIT', Pid, Reason} -> Reason after 1000 -> timeout end.

down_of(Ref) ->
    receive {'DOWN', Ref, process, _, Reason} -> Reason after 1000 -> timeout end.
