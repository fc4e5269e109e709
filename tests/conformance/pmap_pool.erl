%% Parallel map and a worker pool: jobs distributed over processes, results collected in order.
-module(pmap_pool).
-export([main/1]).

main(_) ->
    p(pmap(fun(X) -> X * X end, lists:seq(1, 20))),
    p(pmap(fun fib/1, [10, 15, 20, 25])),
    Pool = start_pool(4),
    Results = run_jobs(Pool, [{fib, N} || N <- lists:seq(1, 22)] ++ [{sum, lists:seq(1, K)} || K <- [10, 100, 1000]]),
    p(Results),
    Stats = stop_pool(Pool),
    p(lists:sum(Stats)),
    p(length(Stats)),
    p(mapreduce(["a b a", "c b a", "d a"])),
    ok.

p(X) -> io:format("~p~n", [X]).

pmap(F, L) ->
    Self = self(),
    Refs = [begin R = make_ref(), spawn(fun() -> Self ! {R, F(X)} end), R end || X <- L],
    [receive {R, V} -> V end || R <- Refs].

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

start_pool(N) -> [spawn(fun() -> worker(0) end) || _ <- lists:seq(1, N)].

worker(Count) ->
    receive
        {job, From, Id, {fib, N}} -> From ! {done, Id, fib(N)}, worker(Count + 1);
        {job, From, Id, {sum, L}} -> From ! {done, Id, lists:sum(L)}, worker(Count + 1);
        {stop, From} -> From ! {stats, self(), Count}
    end.

run_jobs(Pool, Jobs) ->
    Numbered = lists:zip(lists:seq(1, length(Jobs)), Jobs),
    N = length(Pool),
    [lists:nth((Id rem N) + 1, Pool) ! {job, self(), Id, Job} || {Id, Job} <- Numbered],
    Collected = [receive {done, Id, V} -> {Id, V} end || {Id, _} <- Numbered],
    [V || {_, V} <- lists:keysort(1, Collected)].

stop_pool(Pool) ->
    [W ! {stop, self()} || W <- Pool],
    [receive {stats, W, C} -> C end || W <- Pool].

mapreduce(Docs) ->
    Self = self(),
    [spawn(fun() -> Self ! {mapped, [{W, 1} || W <- string:lexemes(D, " ")]} end) || D <- Docs],
    Pairs = lists:append([receive {mapped, P} -> P end || _ <- Docs]),
    orddict:to_list(lists:foldl(fun({W, C}, Acc) -> orddict:update_counter(W, C, Acc) end, [], Pairs)).
