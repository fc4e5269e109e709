%% A bank with one process per account and a registry process; transfers, overdraft errors, history.
-module(bank_account).
-export([main/1]).

main(_) ->
    Bank = spawn(fun() -> bank(#{}) end),
    ok = call(Bank, {open, alice, 100}),
    ok = call(Bank, {open, bob, 50}),
    p(call(Bank, {open, alice, 1})),
    p(call(Bank, {deposit, alice, 25})),
    p(call(Bank, {withdraw, bob, 80})),
    p(call(Bank, {withdraw, bob, 20})),
    p(call(Bank, {transfer, alice, bob, 60})),
    p(call(Bank, {transfer, bob, alice, 1000})),
    p(call(Bank, {transfer, alice, carol, 1})),
    p(call(Bank, {balance, alice})),
    p(call(Bank, {balance, bob})),
    p(call(Bank, {history, alice})),
    p(call(Bank, {history, bob})),
    [call(Bank, {deposit, alice, I}) || I <- lists:seq(1, 100)],
    p(call(Bank, {balance, alice})),
    p(call(Bank, total)),
    p(call(Bank, stop)),
    ok.

p(X) -> io:format("~p~n", [X]).

call(Pid, Req) ->
    Ref = make_ref(),
    Pid ! {Ref, self(), Req},
    receive {Ref, Reply} -> Reply after 2000 -> timeout end.

bank(Accounts) ->
    receive
        {Ref, From, stop} ->
            [A ! stop || A <- maps:values(Accounts)],
            From ! {Ref, stopped};
        {Ref, From, {open, Name, Amount}} ->
            case maps:is_key(Name, Accounts) of
                true -> From ! {Ref, {error, exists}}, bank(Accounts);
                false ->
                    A = spawn(fun() -> account(Amount, [{open, Amount}]) end),
                    From ! {Ref, ok},
                    bank(Accounts#{Name => A})
            end;
        {Ref, From, {transfer, F, T, Amount}} ->
            case {maps:get(F, Accounts, none), maps:get(T, Accounts, none)} of
                {FA, TA} when is_pid(FA), is_pid(TA) ->
                    case acall(FA, {withdraw, Amount}) of
                        ok -> ok = acall(TA, {deposit, Amount}), From ! {Ref, ok};
                        Err -> From ! {Ref, Err}
                    end;
                _ -> From ! {Ref, {error, no_account}}
            end,
            bank(Accounts);
        {Ref, From, total} ->
            From ! {Ref, lists:sum([acall(A, balance) || A <- maps:values(Accounts)])},
            bank(Accounts);
        {Ref, From, {Op, Name}} ->
            From ! {Ref, acall(maps:get(Name, Accounts), Op)},
            bank(Accounts);
        {Ref, From, {Op, Name, Amount}} ->
            From ! {Ref, acall(maps:get(Name, Accounts), {Op, Amount})},
            bank(Accounts)
    end.

acall(A, Req) -> call(A, Req).

account(Balance, Hist) ->
    receive
        stop -> ok;
        {Ref, From, balance} -> From ! {Ref, Balance}, account(Balance, Hist);
        {Ref, From, history} -> From ! {Ref, lists:reverse(Hist)}, account(Balance, Hist);
        {Ref, From, {deposit, N}} -> From ! {Ref, ok}, account(Balance + N, [{deposit, N} | Hist]);
        {Ref, From, {withdraw, N}} when N =< Balance ->
            From ! {Ref, ok}, account(Balance - N, [{withdraw, N} | Hist]);
        {Ref, From, {withdraw, _}} -> From ! {Ref, {error, insufficient_funds}}, account(Balance, Hist)
    end.
