%% Finite state machines: a door lock as a process, a vending machine as a pure fold, a regex-like matcher.
-module(state_machine).
-export([main/1]).

main(_) ->
    Door = spawn(fun() -> locked([1, 2, 3], []) end),
    Events = [{button, 1}, {button, 2}, {button, 9}, {button, 1}, {button, 2}, {button, 3}, open, close, open],
    [begin Door ! {self(), E}, receive {state, S} -> io:format("~p -> ~p~n", [E, S]) end end || E <- Events],
    Door ! stop,
    p(vend([coin, coin, select, coin, refund, select, coin, coin, coin, select])),
    [p({P, S, match(P, S)}) || {P, S} <- [{"a*b", "aaab"}, {"a*b", "b"}, {"a.c", "abc"}, {"a.c", "ac"},
                                          {"ab*", "a"}, {".*x", "yyyx"}, {"abc", "abd"}]],
    p(traffic(10, green, [])),
    ok.

p(X) -> io:format("~p~n", [X]).

locked(Code, Entered) ->
    receive
        stop -> ok;
        {From, {button, D}} ->
            E = Entered ++ [D],
            case lists:prefix(E, Code) of
                true when E =:= Code -> From ! {state, unlocked}, unlocked(Code);
                true -> From ! {state, locked}, locked(Code, E);
                false -> From ! {state, locked}, locked(Code, [])
            end;
        {From, _} -> From ! {state, locked}, locked(Code, Entered)
    end.

unlocked(Code) ->
    receive
        stop -> ok;
        {From, open} -> From ! {state, opened}, opened(Code);
        {From, _} -> From ! {state, unlocked}, unlocked(Code)
    end.

opened(Code) ->
    receive
        stop -> ok;
        {From, close} -> From ! {state, locked}, locked(Code, []);
        {From, _} -> From ! {state, opened}, opened(Code)
    end.

vend(Events) ->
    {_, Log} = lists:foldl(fun vend_step/2, {0, []}, Events),
    lists:reverse(Log).

vend_step(coin, {C, Log}) -> {C + 1, [{credit, C + 1} | Log]};
vend_step(select, {C, Log}) when C >= 2 -> {C - 2, [dispense | Log]};
vend_step(select, {C, Log}) -> {C, [{need, 2 - C} | Log]};
vend_step(refund, {C, Log}) -> {0, [{refund, C} | Log]}.

match([], []) -> true;
match([], _) -> false;
match([C, $* | P], S) -> star(C, P, S);
match([$. | P], [_ | S]) -> match(P, S);
match([C | P], [C | S]) -> match(P, S);
match(_, _) -> false.

star(C, P, S) ->
    match(P, S) orelse (S =/= [] andalso (C =:= $. orelse hd(S) =:= C) andalso star(C, P, tl(S))).

traffic(0, _, Acc) -> lists:reverse(Acc);
traffic(N, State, Acc) ->
    Next = case State of green -> yellow; yellow -> red; red -> green end,
    traffic(N - 1, Next, [State | Acc]).
