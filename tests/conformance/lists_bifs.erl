%% The list BIFs: hd/1, tl/1, length/1, '++'/2, '--'/2 and lists:reverse/2,
%% member/2, keyfind/3, keymember/3, keysearch/3, with good arguments and
%% bad ones, and long lists (no native recursion on their length).
-module(lists_bifs).
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

t(1) -> hd(?I([a, b]));
t(2) -> hd(?I([]));
t(3) -> hd(?I(a));
t(4) -> tl(?I([a, b]));
t(5) -> tl(?I([a | b]));
t(6) -> tl(?I([]));
t(7) -> length(?I([a, b, c]));
t(8) -> length(?I([a | b]));
t(9) -> ?I([1, 2]) ++ ?I([3]);
t(10) -> ?I([]) ++ ?I(tail);
t(11) -> ?I([1]) ++ ?I(tail);
t(12) -> ?I([1 | 2]) ++ ?I([3]);
t(13) -> ?I(a) ++ ?I([3]);
t(14) -> ?I([1, 2, 3, 2, 1]) -- ?I([2, 1]);
t(15) -> ?I([1.0, 1, 2, 1]) -- ?I([1, 1.0]);
t(16) -> ?I([a, {b}, "c", {b}]) -- ?I([{b}, {b}, {b}, z]);
t(17) -> ?I([]) -- ?I([a]);
t(18) -> ?I([a]) -- ?I([]);
t(19) -> ?I([1, 2 | 3]) -- ?I([1]);
t(20) -> ?I([1]) -- ?I([1 | 2]);
t(21) -> ?I([1]) -- ?I(x);
t(22) -> lists:reverse(?I([1, 2, 3]), ?I([4]));
t(23) -> lists:reverse(?I([1, 2]), ?I(tail));
t(24) -> lists:reverse(?I([]), ?I([]));
t(25) -> lists:reverse(?I([1 | 2]), ?I([]));
t(26) -> lists:reverse(?I(a), ?I([]));
t(27) -> lists:member(?I(b), ?I([a, b, c]));
t(28) -> lists:member(?I(1.0), ?I([1, 2]));
t(29) -> lists:member(?I({x, [1]}), ?I([a, {x, [1]}]));
t(30) -> lists:member(?I(z), ?I([]));
t(31) -> lists:member(?I(1), ?I([1 | 2]));
t(32) -> lists:member(?I(3), ?I([1 | 2]));
t(33) -> lists:member(?I(3), ?I(notalist));
t(34) -> lists:keyfind(?I(b), ?I(1), ?I([{a, 1}, {b, 2}, {b, 3}]));
t(35) -> lists:keyfind(?I(2), ?I(2), ?I([{a, 1}, {b, 2.0}]));
t(36) -> lists:keyfind(?I(2.0), ?I(2), ?I([{a, 1}, {b, 2}]));
t(37) -> lists:keyfind(?I(x), ?I(3), ?I([{x}, {a, b, x}, y, [x]]));
t(38) -> lists:keyfind(?I(z), ?I(1), ?I([{a}]));
t(39) -> lists:keyfind(?I(z), ?I(0), ?I([{a}]));
t(40) -> lists:keyfind(?I(z), ?I(a), ?I([{a}]));
t(41) -> lists:keyfind(?I(a), ?I(1), ?I([{a} | b]));
t(42) -> lists:keyfind(?I(z), ?I(1), ?I([{a} | b]));
t(43) -> lists:keyfind(?I({k, [1]}), ?I(1), ?I([{{k, [1]}, v}]));
t(44) -> lists:keymember(?I(b), ?I(1), ?I([{a, 1}, {b, 2}]));
t(45) -> lists:keymember(?I(c), ?I(1), ?I([{a, 1}, {b, 2}]));
t(46) -> lists:keymember(?I(c), ?I(-1), ?I([]));
t(47) -> lists:keysearch(?I(b), ?I(1), ?I([{a, 1}, {b, 2}]));
t(48) -> lists:keysearch(?I(1), ?I(1), ?I([{1.0, float}]));
t(49) -> lists:keysearch(?I(c), ?I(1), ?I([{a, 1}]));
t(50) -> lists:keysearch(?I(c), ?I(1), ?I(x));
t(51) -> length(long(300000, []) ++ long(300000, []));
t(52) -> length(lists:reverse(long(300000, []), []));
t(53) -> hd(lists:reverse(long(300000, []), []));
t(54) -> length(long(20000, []) -- long(10000, []));
t(55) -> lists:member(?I(300000), long(300000, []));
t(56) -> lists:keyfind(?I(300000), ?I(1), long_keys(300000, []));
t(57) -> lists:reverse(long(3, []), ?I([0]));
t(_) -> stop.

%% [1, 2, ..., N].
long(0, Acc) -> Acc;
long(N, Acc) -> long(N - 1, [N | Acc]).

long_keys(0, Acc) -> Acc;
long_keys(N, Acc) -> long_keys(N - 1, [{N, N * 2} | Acc]).
