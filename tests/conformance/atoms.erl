%% Atoms to and from text: atom_to_list/1, list_to_atom/1,
%% list_to_existing_atom/1, atom_to_binary/1,2, with good arguments and bad
%% ones. Binaries, and strings with characters above 127, are checked with
%% =:= against literals (erlang:display prints them differently in earts).
-module(atoms).
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

t(1) -> atom_to_list(?I(hello));
t(2) -> atom_to_list(?I(''));
t(3) -> atom_to_list(?I('with space'));
t(4) -> atom_to_list(?I('caf\x{e9}')) =:= [$c, $a, $f, 233];
t(5) -> atom_to_list(?I('\x{3bb}x'));
t(6) -> atom_to_list(?I("hello"));
t(7) -> atom_to_list(?I(42));
t(8) -> list_to_atom(?I("hello"));
t(9) -> list_to_atom(?I("brand_new_atom_made_at_run_time"));
t(10) -> list_to_atom(?I([]));
t(11) -> list_to_atom(?I([955, 120]));
t(12) -> list_to_atom(?I([16#10FFFF]));
t(13) -> list_to_atom(?I([16#D800]));
t(14) -> list_to_atom(?I([16#110000]));
t(15) -> list_to_atom(?I([-1]));
t(16) -> list_to_atom(?I([$a | b]));
t(17) -> list_to_atom(?I([$a, b]));
t(18) -> list_to_atom(?I(hello));
t(19) -> list_to_atom(lists:duplicate(?I(255), $a)) =:= list_to_atom(lists:duplicate(255, $a));
t(20) -> list_to_atom(lists:duplicate(?I(256), $a));
t(21) -> list_to_atom(lists:duplicate(?I(300), 955));
t(22) -> list_to_existing_atom(?I("hello"));
t(23) -> list_to_existing_atom(?I("no_atom_is_called_this_at_all_really"));
t(24) -> list_to_existing_atom(lists:duplicate(?I(256), $a));
t(25) -> list_to_existing_atom(?I([$a | b]));
t(26) -> list_to_existing_atom(?I(hello));
t(27) -> atom_to_binary(?I(hello)) =:= <<"hello">>;
t(28) -> atom_to_binary(?I('caf\x{e9}')) =:= <<"caf", 16#c3, 16#a9>>;
t(29) -> atom_to_binary(?I('caf\x{e9}'), ?I(latin1)) =:= <<"caf", 16#e9>>;
t(30) -> atom_to_binary(?I('caf\x{e9}'), ?I(utf8)) =:= <<"caf", 16#c3, 16#a9>>;
t(31) -> atom_to_binary(?I('caf\x{e9}'), ?I(unicode)) =:= <<"caf", 16#c3, 16#a9>>;
t(32) -> atom_to_binary(?I('\x{3bb}'), ?I(latin1));
t(33) -> atom_to_binary(?I(hello), ?I(utf16));
t(34) -> atom_to_binary(?I("hello"), ?I(utf8));
t(35) -> atom_to_binary(?I(hello), ?I("utf8"));
t(36) -> atom_to_binary(?I(''), ?I(utf8)) =:= <<>>;
t(37) -> atom_to_binary(?I(1));
t(38) -> length(atom_to_list(list_to_atom(lists:duplicate(?I(255), 955))));
t(_) -> stop.
