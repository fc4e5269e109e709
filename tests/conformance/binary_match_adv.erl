%% Advanced binary matching: sizes bound earlier in the same pattern, utf16/utf32 segments, floats, function-head matching.
-module(binary_match_adv).
-export([main/1]).

main(_) ->
    p(lv(<<3, "abc", 2, "de", 0>>)),
    p(hdr(<<16#CAFE:16, 1:8, 4:8, 1, 2, 3, 4, "tail">>)),
    p(hdr(<<16#BEEF:16, 0:16>>)),
    p(utf16(<<0, $h, 0, $i, 16#D8, 16#3D, 16#DE, 16#00>>)),
    p(utf16le(<<$h, 0, $i, 0>>)),
    p(utf32(<<0, 0, 0, $a, 0, 1, 16#F6, 16#00>>)),
    p(floats(<<1.5/float, 2.25:32/float, -0.0/float>>)),
    p(split_at(<<"key:value:more">>, $:)),
    p(nibbles(<<16#12, 16#34, 16#AB>>)),
    p(signed(<<255, 128, 127, 1>>)),
    p(bits_pattern(<<2#101:3, 2#11:2, 0:3>>)),
    p(mixed(<<1:1, 7:3, 0:4, 65, "rest">>)),
    p(tail_unit(<<1, 2, 3, 4, 5, 6>>)),
    p(string_prefix(<<"GET /index.html HTTP/1.1">>)),
    p(string_prefix(<<"POST /api HTTP/1.0">>)),
    p(string_prefix(<<"BREW /pot HTCPCP/1.0">>)),
    ok.

p(X) -> io:format("~p~n", [X]).

lv(<<0>>) -> [];
lv(<<L, V:L/binary, Rest/binary>>) -> [V | lv(Rest)].

hdr(<<16#CAFE:16, Ver:8, N:8, Items:N/binary, Tail/binary>>) -> {cafe, Ver, binary_to_list(Items), Tail};
hdr(<<Magic:16, _/binary>>) -> {unknown, Magic}.

utf16(<<>>) -> [];
utf16(<<C/utf16, R/binary>>) -> [C | utf16(R)].
utf16le(<<>>) -> [];
utf16le(<<C/utf16-little, R/binary>>) -> [C | utf16le(R)].
utf32(<<>>) -> [];
utf32(<<C/utf32, R/binary>>) -> [C | utf32(R)].

floats(<<A/float, B:32/float, C/float>>) -> {A, B, C}.

split_at(Bin, Sep) -> split_at(Bin, Sep, 0).
split_at(Bin, Sep, I) ->
    case Bin of
        <<H:I/binary, Sep, T/binary>> -> {H, T};
        <<_:I/binary>> -> {Bin, <<>>};
        _ -> split_at(Bin, Sep, I + 1)
    end.

nibbles(B) -> [N || <<N:4>> <= B].

signed(B) -> [S || <<S:8/signed>> <= B].

bits_pattern(<<A:3, B:2, C:3>>) -> {A, B, C}.

mixed(<<Flag:1, Kind:3, _:4, Ch, Rest/binary>>) -> {Flag, Kind, Ch, Rest}.

tail_unit(<<Head:2/binary, Rest:4/binary-unit:8>>) -> {Head, Rest}.

string_prefix(<<"GET ", Path/binary>>) -> {get, hd(binary:split(Path, <<" ">>))};
string_prefix(<<"POST ", Path/binary>>) -> {post, hd(binary:split(Path, <<" ">>))};
string_prefix(<<Method:4/binary, _/binary>>) -> {other, Method}.
