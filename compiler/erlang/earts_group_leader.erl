%% earts' group leader: the Erlang I/O protocol on the standard streams,
%% as OTP's `user` serves it to escript (which runs with -noshell). It is
%% linked into every program and started before `main/1`; it registers
%% itself as `user` and starts `standard_error`. Text goes out through
%% the earts_io BIFs.
%%
%% The default encoding is latin1, as `user`'s: characters above 255 are
%% written as \x{HEX}, the others as single bytes.
-module(earts_group_leader).
-export([start/0]).

-record(device, {fd, encoding = latin1, binary = false, input = <<>>}).

start() ->
    register(user, self()),
    Error = spawn(fun() -> serve(#device{fd = 2}) end),
    register(standard_error, Error),
    serve(#device{fd = 1}).

serve(Device) ->
    receive
        {io_request, From, ReplyAs, Request} ->
            {Reply, Next} = request(Request, Device),
            From ! {io_reply, ReplyAs, Reply},
            serve(Next);
        _Other ->
            serve(Device)
    end.

request({put_chars, Encoding, Chars}, Device) ->
    {put_chars(Encoding, Chars, Device), Device};
request({put_chars, Encoding, Module, Function, Args}, Device) ->
    case apply_format(Module, Function, Args) of
        {ok, Chars} -> {put_chars(Encoding, Chars, Device), Device};
        error -> {{error, Function}, Device}
    end;
request({put_chars, Chars}, Device) ->
    {put_chars(latin1, Chars, Device), Device};
request({put_chars, Module, Function, Args}, Device) ->
    request({put_chars, latin1, Module, Function, Args}, Device);
request({get_line, Encoding, _Prompt}, Device) ->
    get_line(Encoding, Device);
request({get_line, Prompt}, Device) ->
    request({get_line, latin1, Prompt}, Device);
request({get_chars, Encoding, _Prompt, Count}, Device) when is_integer(Count), Count >= 0 ->
    get_chars(Encoding, Count, Device);
request({get_chars, Prompt, Count}, Device) ->
    request({get_chars, latin1, Prompt, Count}, Device);
request({get_until, Encoding, _Prompt, Module, Function, Args}, Device) ->
    get_until(Encoding, Module, Function, Args, Device);
request({get_until, Prompt, Module, Function, Args}, Device) ->
    request({get_until, latin1, Prompt, Module, Function, Args}, Device);
request({setopts, Options}, Device) when is_list(Options) ->
    setopts(Options, Device);
request(getopts, Device) ->
    {[{binary, Device#device.binary}, {encoding, Device#device.encoding}], Device};
request({get_geometry, _}, Device) ->
    {{error, enotsup}, Device};
request({requests, Requests}, Device) when is_list(Requests) ->
    requests(Requests, ok, Device);
request(_Request, Device) ->
    {{error, request}, Device}.

requests([], Reply, Device) ->
    {Reply, Device};
requests([Request | Rest], _Reply, Device) ->
    case request(Request, Device) of
        {{error, _} = Error, Next} -> {Error, Next};
        {Reply, Next} -> requests(Rest, Reply, Next)
    end.

%% The formatting functions `io` asks for are called directly, so the
%% linker sees them; anything else goes through apply/3.
apply_format(Module, Function, Args) ->
    try
        {ok, format(Module, Function, Args)}
    catch
        _:_ -> error
    end.

format(io_lib, format, [Format, Args]) -> io_lib:format(Format, Args);
format(io_lib, fwrite, [Format, Args]) -> io_lib:fwrite(Format, Args);
format(io_lib, write, [Term]) -> io_lib:write(Term);
format(io_lib, nl, []) -> io_lib:nl();
format(Module, Function, Args) -> apply(Module, Function, Args).

put_chars(Encoding, Chars, #device{fd = Fd} = Device) ->
    case to_bytes(Encoding, Chars, Device#device.encoding) of
        {ok, Bytes} ->
            earts_io:write(Fd, Bytes),
            ok;
        error ->
            {error, put_chars}
    end.

%% Bytes for the stream from characters in `From` encoding.
to_bytes(latin1, Chars, _To) ->
    try {ok, iolist_to_binary(Chars)} catch _:_ -> error end;
to_bytes(unicode, Chars, unicode) ->
    case unicode:characters_to_binary(Chars, unicode, unicode) of
        Binary when is_binary(Binary) -> {ok, Binary};
        _ -> error
    end;
to_bytes(unicode, Chars, latin1) ->
    case unicode:characters_to_list(Chars, unicode) of
        List when is_list(List) -> {ok, [latin1_char(C) || C <- List]};
        _ -> error
    end;
to_bytes(_, _, _) ->
    error.

latin1_char(C) when C < 256 -> C;
latin1_char(C) -> ["\\x{", integer_to_list(C, 16), $}].

setopts([], Device) ->
    {ok, Device};
setopts([{encoding, Encoding} | Rest], Device) when Encoding =:= latin1; Encoding =:= unicode ->
    setopts(Rest, Device#device{encoding = Encoding});
setopts([{encoding, utf8} | Rest], Device) ->
    setopts(Rest, Device#device{encoding = unicode});
setopts([{binary, Binary} | Rest], Device) when is_boolean(Binary) ->
    setopts(Rest, Device#device{binary = Binary});
setopts([binary | Rest], Device) ->
    setopts(Rest, Device#device{binary = true});
setopts([list | Rest], Device) ->
    setopts(Rest, Device#device{binary = false});
setopts(_, Device) ->
    {{error, enotsup}, Device}.

%% Input: bytes read from standard input wait in `input` until a request
%% takes them.
get_line(Encoding, Device) ->
    case fill_until(fun(Input) -> binary:match(Input, <<"\n">>) =/= nomatch end, Device) of
        {eof, Next} ->
            {eof, Next};
        {Input, Next} ->
            {Line, Rest} = split_line(Input),
            {result(Encoding, Line, Next), Next#device{input = Rest}}
    end.

split_line(Input) ->
    case binary:match(Input, <<"\n">>) of
        {At, 1} -> split_binary(Input, At + 1);
        nomatch -> {Input, <<>>}
    end.

get_chars(Encoding, Count, Device) ->
    case fill_until(fun(Input) -> byte_size(Input) >= Count end, Device) of
        {eof, Next} ->
            {eof, Next};
        {Input, Next} ->
            Take = min(Count, byte_size(Input)),
            {Chars, Rest} = split_binary(Input, Take),
            {result(Encoding, Chars, Next), Next#device{input = Rest}}
    end.

get_until(Encoding, Module, Function, Args, Device) ->
    get_until(Encoding, Module, Function, Args, [], Device).

get_until(Encoding, Module, Function, Args, State, Device) ->
    {Data, Next} =
        case Device#device.input of
            <<>> -> read(Device);
            Input -> {Input, Device#device{input = <<>>}}
        end,
    Chars = case Data of eof -> eof; _ -> binary_to_list(Data) end,
    case apply(Module, Function, [State, Chars | Args]) of
        {done, Result, Rest} ->
            {Result, Next#device{input = rest_binary(Rest)}};
        {more, _State1} when Data =:= eof ->
            {eof, Next#device{input = <<>>}};
        {more, State1} ->
            get_until(Encoding, Module, Function, Args, State1, Next)
    end.

rest_binary(eof) -> <<>>;
rest_binary(Rest) when is_list(Rest) -> list_to_binary(Rest);
rest_binary(Rest) when is_binary(Rest) -> Rest.

%% Reads until `Enough(Input)` holds or the stream ends; `eof` when it
%% ended with nothing read.
fill_until(Enough, Device) ->
    Input = Device#device.input,
    case Enough(Input) of
        true ->
            {Input, Device#device{input = <<>>}};
        false ->
            case earts_io:read(0, 4096) of
                eof when Input =:= <<>> -> {eof, Device};
                eof -> {Input, Device#device{input = <<>>}};
                Bytes -> fill_until(Enough, Device#device{input = <<Input/binary, Bytes/binary>>})
            end
    end.

read(Device) ->
    case earts_io:read(0, 4096) of
        eof -> {eof, Device};
        Bytes -> {Bytes, Device}
    end.

result(_Encoding, Bytes, #device{binary = true}) -> Bytes;
result(_Encoding, Bytes, #device{binary = false}) -> binary_to_list(Bytes).
