%% The comparison operators as values (=:=, =/=, ==, /=, <, >, =<, >=),
%% min/2 and max/2, the boolean operators and, or, xor, not (badarg on
%% non-booleans), and the type tests as functions (is_atom/1, …).
-module(comparisons).
-export([main/1, id/1]).

-define(I(X), ?MODULE:id(X)).

main(_) -> run(1).

id(X) -> X.

run(N) ->
    Result = try t(N) catch Class:Reason -> {Class, Reason} end,
    case Result of
        stop -> ok;
        _ ->
            erlang:display({N, Result}),
            run(N + 1)
    end.

t(1) -> {?I(1) =:= ?I(1), ?I(1) =:= ?I(1.0), ?I({a, [b]}) =:= ?I({a, [b]})};
t(2) -> {?I(1) =/= ?I(1), ?I(1) =/= ?I(1.0), ?I(a) =/= ?I(b)};
t(3) -> {?I(1) == ?I(1.0), ?I([1]) == ?I([1.0]), ?I(a) == ?I(b)};
t(4) -> {?I(1) /= ?I(1.0), ?I(1 bsl 70) /= ?I(1 bsl 70), ?I(a) /= ?I("a")};
t(5) -> {?I(1) < ?I(a), ?I(a) < ?I({}), ?I({}) < ?I([]), ?I([]) < ?I([a])};
t(6) -> {?I(2) > ?I(1.5), ?I({1, 2}) > ?I({2}), ?I(b) > ?I(a)};
t(7) -> {?I(1) =< ?I(1.0), ?I(1.0) =< ?I(1), ?I(2) =< ?I(1)};
t(8) -> {?I(1) >= ?I(1.0), ?I(a) >= ?I(1 bsl 80), ?I([]) >= ?I([a])};
t(9) -> {?I(1 bsl 70) < ?I(1.0e30), ?I(-(1 bsl 70)) < ?I(-1.0e20)};
t(10) -> min(?I(1), ?I(2));
t(11) -> min(?I(1), ?I(1.0));
t(12) -> min(?I(1.0), ?I(1));
t(13) -> min(?I(a), ?I(1));
t(14) -> min(?I([a]), ?I({a}));
t(15) -> max(?I(1), ?I(2));
t(16) -> max(?I(1), ?I(1.0));
t(17) -> max(?I(1.0), ?I(1));
t(18) -> max(?I("abc"), ?I("abd"));
t(19) -> {?I(true) and ?I(true), ?I(true) and ?I(false), ?I(false) and ?I(false)};
t(20) -> ?I(true) and ?I(1);
t(21) -> ?I(false) and ?I(1);
t(22) -> {?I(true) or ?I(false), ?I(false) or ?I(false)};
t(23) -> ?I(true) or ?I(x);
t(24) -> {?I(true) xor ?I(false), ?I(true) xor ?I(true), ?I(false) xor ?I(false)};
t(25) -> ?I(x) xor ?I(true);
t(26) -> {not ?I(true), not ?I(false)};
t(27) -> not ?I(0);
t(28) -> {is_function(?I(fun lists:reverse/1)), is_function(?I(x)), is_function(?I({}))};
t(29) -> {is_map(?I(#{})), is_map(?I(#{a => 1})), is_map(?I([])), is_map(?I({}))};
t(30) -> deep_equal(20000);
t(31) -> [types(?I(X)) || X <- [a, true, [], [a | b], {}, 1, 1 bsl 70, 1.5, #{}, fun lists:reverse/1]];
t(_) -> stop.

%% The type tests, called as functions.
types(X) ->
    {is_atom(X), is_boolean(X), is_list(X), is_pid(X), is_tuple(X), is_integer(X),
     is_float(X), is_number(X), is_function(X), is_map(X)}.

%% Two equal lists of 20000 elements compared with every operator.
deep_equal(N) ->
    A = long(N, []),
    B = long(N, []),
    {A =:= B, A == B, A =/= B, A < B, A >= B}.

long(0, Acc) -> Acc;
long(N, Acc) -> long(N - 1, [{N} | Acc]).
