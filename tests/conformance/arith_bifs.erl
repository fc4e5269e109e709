%% The arithmetic and bitwise operators as BIF calls ('/', div, rem, band,
%% bor, bxor, bsl, bsr, bnot, unary - and +, and + - * beyond smalls), the
%% number BIFs abs/1, float/1, round/1, trunc/1, ceil/1, floor/1, and
%% integer_to_list/1,2, list_to_integer/1,2, with good arguments and bad
%% ones.
-module(arith_bifs).
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

t(1) -> ?I(7) / ?I(2);
t(2) -> ?I(1) / ?I(0);
t(3) -> ?I(1.0) / ?I(0.0);
t(4) -> ?I(a) / ?I(2);
t(5) -> ?I(1 bsl 80) / ?I(1 bsl 78);
t(6) -> ?I(7) div ?I(2);
t(7) -> ?I(-7) div ?I(2);
t(8) -> ?I(7) div ?I(0);
t(9) -> ?I(7.0) div ?I(2);
t(10) -> ?I((1 bsl 100) + 5) div ?I(1 bsl 50);
t(11) -> ?I(7) rem ?I(2);
t(12) -> ?I(-7) rem ?I(2);
t(13) -> ?I(7) rem ?I(0);
t(14) -> ?I(7) rem ?I(a);
t(15) -> ?I(2#1100) band ?I(2#1010);
t(16) -> ?I(2#1100) bor ?I(2#1010);
t(17) -> ?I(2#1100) bxor ?I(2#1010);
t(18) -> ?I(-1) band ?I(1 bsl 90);
t(19) -> ?I(1.0) band ?I(1);
t(20) -> ?I(1) bsl ?I(100);
t(21) -> ?I(1 bsl 100) bsr ?I(98);
t(22) -> ?I(-1) bsr ?I(5);
t(23) -> ?I(1) bsl ?I(-1);
t(24) -> ?I(1) bsl ?I(a);
t(25) -> ?I(1) bsl ?I(1 bsl 40);
t(26) -> bnot ?I(5);
t(27) -> bnot ?I(1 bsl 70);
t(28) -> bnot ?I(1.5);
t(29) -> - ?I(5);
t(30) -> - ?I(1.5);
t(31) -> - ?I(-(1 bsl 59));
t(32) -> - ?I(a);
t(33) -> ?I(1 bsl 59) + ?I(1 bsl 59);
t(34) -> ?I(-(1 bsl 59)) - ?I(1);
t(35) -> ?I(1 bsl 40) * ?I(1 bsl 40);
t(36) -> ?I(1) + ?I(1.5);
t(37) -> ?I(a) + ?I(1);
t(38) -> ?I(1) * ?I([]);
t(39) -> abs(?I(-5));
t(40) -> abs(?I(-2.5));
t(41) -> abs(?I(-(1 bsl 59)));
t(42) -> abs(?I(-(1 bsl 90)));
t(43) -> abs(?I(a));
t(44) -> float(?I(3));
t(45) -> float(?I(1 bsl 70));
t(46) -> float(?I(2.5));
t(47) -> float(?I("3"));
t(48) -> round(?I(2.5));
t(49) -> round(?I(-2.5));
t(50) -> round(?I(7));
t(51) -> round(?I(1.0e20));
t(52) -> round(?I(a));
t(53) -> trunc(?I(-2.7));
t(54) -> trunc(?I(2.7));
t(55) -> trunc(?I(1 bsl 65));
t(56) -> trunc(?I([]));
t(57) -> integer_to_list(?I(-1234));
t(58) -> integer_to_list(?I(1 bsl 64));
t(59) -> integer_to_list(?I(1.0));
t(60) -> integer_to_list(?I(255), ?I(16));
t(61) -> integer_to_list(?I(-255), ?I(2));
t(62) -> integer_to_list(?I(35), ?I(36));
t(63) -> integer_to_list(?I(35), ?I(37));
t(64) -> integer_to_list(?I(35), ?I(1));
t(65) -> integer_to_list(?I(35), ?I(a));
t(66) -> list_to_integer(?I("-1234"));
t(67) -> list_to_integer(?I("+12"));
t(68) -> list_to_integer(?I("123456789012345678901234567890"));
t(69) -> list_to_integer(?I(""));
t(70) -> list_to_integer(?I("-"));
t(71) -> list_to_integer(?I(" 12"));
t(72) -> list_to_integer(?I("1.0"));
t(73) -> list_to_integer(?I([$1 | $2]));
t(74) -> list_to_integer(?I(a));
t(75) -> list_to_integer(?I([$1, 16#661]));
t(76) -> list_to_integer(?I("ff"), ?I(16));
t(77) -> list_to_integer(?I("-Zz"), ?I(36));
t(78) -> list_to_integer(?I("12"), ?I(2));
t(79) -> list_to_integer(?I("12"), ?I(37));
t(80) -> list_to_integer(?I("12"), ?I(a));
t(81) -> list_to_integer(lists:duplicate(?I(20000), $9)) rem 1000;
t(82) -> + ?I(5);
t(83) -> + ?I(-2.5);
t(84) -> + ?I(a);
t(85) -> {ceil(?I(2.1)), ceil(?I(-2.1)), ceil(?I(7)), ceil(?I(1.0e20))};
t(86) -> {floor(?I(2.9)), floor(?I(-2.1)), floor(?I(1 bsl 70))};
t(87) -> ceil(?I(a));
t(88) -> floor(?I("1"));
t(_) -> stop.
