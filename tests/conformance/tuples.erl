%% The tuple BIFs: element/2, setelement/3, tuple_size/1, make_tuple/2,3,
%% append_element/2, tuple_to_list/1, list_to_tuple/1, with good arguments
%% and bad ones. Arguments go through the exported id/1, so that the
%% compiler cannot evaluate the calls itself.
-module(tuples).
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

t(1) -> element(?I(1), ?I({a, b, c}));
t(2) -> element(?I(3), ?I({a, b, c}));
t(3) -> element(?I(0), ?I({a, b, c}));
t(4) -> element(?I(4), ?I({a, b, c}));
t(5) -> element(?I(1), ?I([a]));
t(6) -> element(?I(a), ?I({a}));
t(7) -> element(?I(1), ?I({}));
t(8) -> element(?I(1 bsl 70), ?I({a}));
t(9) -> setelement(?I(2), ?I({a, b, c}), ?I([x, y]));
t(10) -> setelement(?I(1), ?I({a}), ?I({nested, 1.5}));
t(11) -> setelement(?I(0), ?I({a}), x);
t(12) -> setelement(?I(2), ?I({a}), x);
t(13) -> setelement(?I(1), ?I(nope), x);
t(14) -> tuple_size(?I({}));
t(15) -> tuple_size(?I({1, 2, 3}));
t(16) -> tuple_size(?I([1, 2, 3]));
t(17) -> erlang:make_tuple(?I(3), ?I(zero));
t(18) -> erlang:make_tuple(?I(0), ?I(zero));
t(19) -> erlang:make_tuple(?I(-1), zero);
t(20) -> erlang:make_tuple(?I(16777216), zero);
t(21) -> erlang:make_tuple(?I(a), zero);
t(22) -> erlang:make_tuple(?I(4), ?I(d), ?I([{2, b}, {4, x}, {4, y}]));
t(23) -> erlang:make_tuple(?I(2), d, ?I([]));
t(24) -> erlang:make_tuple(?I(2), d, ?I([{3, c}]));
t(25) -> erlang:make_tuple(?I(2), d, ?I([{0, c}]));
t(26) -> erlang:make_tuple(?I(2), d, ?I([{1, c, e}]));
t(27) -> erlang:make_tuple(?I(2), d, ?I([{1, c} | tail]));
t(28) -> erlang:make_tuple(?I(2), d, ?I(notalist));
t(29) -> erlang:append_element(?I({a, b}), ?I(c));
t(30) -> erlang:append_element(?I({}), ?I([1]));
t(31) -> erlang:append_element(?I([a]), c);
t(32) -> tuple_to_list(?I({a, {b}, [c], 1.0}));
t(33) -> tuple_to_list(?I({}));
t(34) -> tuple_to_list(?I(a));
t(35) -> list_to_tuple(?I([a, {b}, [c], 2]));
t(36) -> list_to_tuple(?I([]));
t(37) -> list_to_tuple(?I([a | b]));
t(38) -> list_to_tuple(?I(a));
t(39) -> tuple_size(list_to_tuple(lists:seq(1, 100000)));
t(40) -> element(?I(99999), list_to_tuple(lists:seq(1, 100000)));
t(41) -> length(tuple_to_list(erlang:make_tuple(?I(50000), ?I({x}))));
t(42) -> element(?I(2), setelement(?I(2), erlang:make_tuple(?I(1000), ?I(a)), ?I(b)));
t(43) -> {guard(?I({a, b})), guard(?I({b})), guard(?I(a)), guard(?I({}))};
t(44) -> {guard(?I(x)), element(?I(2), ?I({a}))};
t(_) -> stop.

%% element/2 in a guard: a bad argument makes the guard fail, no more.
guard(T) when element(1, T) =:= a; tuple_size(T) =:= 0 -> yes;
guard(_) -> no.
