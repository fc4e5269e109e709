%% OTP's own unicode, string and binary functions, compiled from OTP's
%% .beam files, on top of the unicode, binary and string BIFs.
%% (string:trim/1 matches on from a context after bs_get_tail, which
%% must leave the position where it is.)
-module(otp_text).
-export([main/1]).

main(Args) ->
    N = length(Args),
    erlang:display(unicode:characters_to_binary("åäö€", unicode, utf16)),
    erlang:display(unicode:characters_to_binary(<<"åäö"/utf8>>, unicode, latin1)),
    erlang:display(unicode:characters_to_binary([<<"abc">>, 300 + N], unicode, latin1)),
    erlang:display(unicode:characters_to_binary([<<0, 65>>, 66 + N], utf16, {utf32, little})),
    erlang:display(unicode:characters_to_binary("abc")),
    erlang:display(unicode:characters_to_list(<<"abc€"/utf8>>)),
    erlang:display(unicode:characters_to_nfc_list("abc")),
    erlang:display(unicode:characters_to_nfd_binary(<<"é"/utf8>>)),
    erlang:display(binary:bin_to_list(<<"abc">>, {1, 2})),
    erlang:display(binary:replace(<<"a-b-c">>, <<"-">>, <<"+">>, [global])),
    erlang:display(binary:replace(<<"a-b-c">>, [<<"-">>, <<"b">>], <<"[]">>, [global, {insert_replaced, 1}])),
    erlang:display(string:split("a,b,,c", ",", all)),
    erlang:display(string:trim("  hello world  ")),
    erlang:display(string:trim(<<"  bin  ">>)),
    erlang:display(string:trim("xxabcxx", both, "x")),
    erlang:display(string:lexemes("a,b,,c", ",")),
    erlang:display(string:uppercase("abc")),
    erlang:display(string:find(<<"hello world">>, <<"o w">>)),
    erlang:display(string:replace("a.b.c", ".", "::", all)),
    erlang:display(string:length(<<"åäö"/utf8>>)),
    erlang:display(string:to_integer("42abc")),
    erlang:display(string:to_float("1.5e3x")),
    erlang:display(string:slice(<<"hello">>, 1, 3)),
    erlang:display(string:pad("ab", 5, both, $*)),
    erlang:display(string:tokens("a b  c", " ")).
