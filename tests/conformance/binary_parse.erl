%% Binary protocol parsing: an IPv4 header, a length-prefixed frame stream, and a PNG-like chunk list.
-module(binary_parse).
-export([main/1]).

main(_) ->
    Hdr = <<4:4, 5:4, 0:8, 60:16, 16#1c46:16, 2:3, 0:13, 64:8, 6:8, 16#b1e6:16,
            192, 168, 0, 1, 10, 0, 0, 99>>,
    p(ipv4(Hdr)),
    Frames = iolist_to_binary([frame(<<"hello">>), frame(<<>>), frame(<<"world!">>), <<0, 0, 0, 9, "part">>]),
    p(frames(Frames, [])),
    Png = iolist_to_binary([<<137, "PNG", 13, 10, 26, 10>>, chunk(<<"IHDR">>, <<0, 0, 0, 16, 0, 0, 0, 8, 8, 2, 0, 0, 0>>),
                            chunk(<<"tEXt">>, <<"Comment", 0, "earts">>), chunk(<<"IEND">>, <<>>)]),
    p(png(Png)),
    p(varints([1, 127, 128, 300, 16384, 1 bsl 35])),
    p(decode_varints(iolist_to_binary([varint(N) || N <- [1, 127, 128, 300, 16384, 1 bsl 35]]))),
    p(checksum(<<"The quick brown fox">>)),
    p(bits(<<16#A5>>)),
    ok.

p(X) -> io:format("~p~n", [X]).

ipv4(<<4:4, IHL:4, _TOS:8, Len:16, Id:16, Flags:3, Frag:13, TTL:8, Proto:8, Sum:16,
       S1, S2, S3, S4, D1, D2, D3, D4, _/binary>>) ->
    #{ihl => IHL, len => Len, id => Id, flags => Flags, frag => Frag, ttl => TTL, proto => Proto,
      sum => Sum, src => {S1, S2, S3, S4}, dst => {D1, D2, D3, D4}}.

frame(Payload) -> <<(byte_size(Payload)):32, Payload/binary>>.

frames(<<Len:32, Payload:Len/binary, Rest/binary>>, Acc) -> frames(Rest, [Payload | Acc]);
frames(Rest, Acc) -> {lists:reverse(Acc), Rest}.

chunk(Type, Data) -> <<(byte_size(Data)):32, Type/binary, Data/binary, 0:32>>.

png(<<137, "PNG", 13, 10, 26, 10, Rest/binary>>) -> chunks(Rest);
png(_) -> not_png.

chunks(<<>>) -> [];
chunks(<<Len:32, Type:4/binary, Data:Len/binary, _Crc:32, Rest/binary>>) ->
    [{Type, chunk_info(Type, Data)} | chunks(Rest)].

chunk_info(<<"IHDR">>, <<W:32, H:32, Depth, Color, _/binary>>) -> {W, H, Depth, Color};
chunk_info(<<"tEXt">>, D) -> list_to_tuple(binary:split(D, <<0>>));
chunk_info(_, D) -> byte_size(D).

varint(N) when N < 128 -> <<N>>;
varint(N) -> <<1:1, (N band 127):7, (varint(N bsr 7))/binary>>.

varints(Ns) -> [varint(N) || N <- Ns].

decode_varints(<<>>) -> [];
decode_varints(B) -> {N, Rest} = dv(B, 0, 0), [N | decode_varints(Rest)].
dv(<<1:1, V:7, Rest/binary>>, Shift, Acc) -> dv(Rest, Shift + 7, Acc bor (V bsl Shift));
dv(<<0:1, V:7, Rest/binary>>, Shift, Acc) -> {Acc bor (V bsl Shift), Rest}.

checksum(B) -> lists:foldl(fun(X, A) -> (A * 31 + X) band 16#FFFFFFFF end, 7, binary_to_list(B)).

bits(B) -> [X || <<X:1>> <= B].

