%% Messages to oneself: selective receive, timeouts, and messages that
%% wait in the mailbox while the heap is collected.
-module(receive_self).
-export([main/1]).

main(_) ->
    Self = self(),
    Self ! {hello, 1},
    Self ! other,
    Self ! {hello, 2},
    erlang:display(receive {hello, N} -> N end),
    erlang:display(receive other -> got_other end),
    erlang:display(receive {hello, M} when M > 1 -> M after 0 -> none end),
    erlang:display(receive X -> X after 5 -> timeout end),
    [Self ! {item, I, lists_of(I)} || I <- lists:seq(1, 200)],
    erlang:display(garbage(2000, [])),
    erlang:display(collect(200, 0)),
    erlang:display(try receive after bad -> ok end catch error:timeout_value -> bad_timeout end),
    erlang:display(Self ! sent).

lists_of(N) -> [N, {N, N}, [N | N]].

garbage(0, Acc) -> length(Acc);
garbage(N, Acc) -> garbage(N - 1, [{N, N * 2, [N]} | Acc]).

collect(0, Sum) -> Sum;
collect(N, Sum) ->
    receive
        {item, I, [I, {I, I}, [I | I]]} -> collect(N - 1, Sum + I)
    end.
