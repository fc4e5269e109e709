%% The BEAM side of earts' differential tests (see mod.rs next to this file).
%%
%% Reads one request per line on stdin, `{Function, Args}.` in Erlang term
%% syntax, calls erlang:Function(Args...) and writes one reply line on
%% stdout. A float argument is `{f, Bits}` (its IEEE 754 bits) and a float
%% result is printed as its bits, so no float passes through decimal text.
%% An argument `{call, Function, Args}` is the result of that call, so a
%% request can, say, shift a huge number back down instead of printing it.
-module(earts_oracle).
-export([main/0]).

main() ->
    Port = open_port({fd, 0, 1}, [{line, 65536}, binary, eof]),
    port_command(Port, <<"ready\n">>),
    loop(Port, []).

loop(Port, Partial) ->
    receive
        {Port, {data, {noeol, Chunk}}} ->
            loop(Port, [Partial, Chunk]);
        {Port, {data, {eol, Chunk}}} ->
            port_command(Port, [answer(iolist_to_binary([Partial, Chunk])), $\n]),
            loop(Port, []);
        {Port, eof} ->
            halt(0)
    end.

answer(Line) ->
    case parse(Line) of
        {ok, {Function, Args}} when is_atom(Function), is_list(Args) ->
            try decode({call, Function, Args}) of
                Result -> encode(Result)
            catch
                Class:Reason -> io_lib:format("error ~w:~w", [Class, Reason])
            end;
        _ ->
            [<<"bad-request ">>, Line]
    end.

parse(Line) ->
    case erl_scan:string(binary_to_list(Line)) of
        {ok, Tokens, _} -> erl_parse:parse_term(Tokens);
        Error -> Error
    end.

decode({f, Bits}) when is_integer(Bits) ->
    <<Float/float>> = <<Bits:64>>,
    Float;
decode({call, Function, Args}) when is_atom(Function), is_list(Args) ->
    apply(erlang, Function, [decode(Arg) || Arg <- Args]);
decode({'$earts', {apply, Module, Function, Args}}) ->
    apply(Module, Function, Args);
decode({'$earts', {maps, _, _} = Form}) ->
    earts_map_term(Form);
decode({'$earts', {fold_order, _} = Form}) ->
    earts_map_term(Form);
decode({'$earts', Form}) ->
    earts_term(Form);
decode(List) when is_list(List) ->
    [decode(Element) || Element <- List];
decode(Tuple) when is_tuple(Tuple) ->
    list_to_tuple(decode(tuple_to_list(Tuple)));
decode(Term) ->
    Term.

encode(Integer) when is_integer(Integer) ->
    ["int ", integer_to_list(Integer)];
encode(Float) when is_float(Float) ->
    <<Bits:64>> = <<Float/float>>,
    io_lib:format("float ~16.16.0B", [Bits]);
encode(Atom) when is_atom(Atom) ->
    ["atom ", atom_to_list(Atom)];
encode(Binary) when is_binary(Binary) ->
    ["binary ", Binary];
encode(List) when is_list(List) ->
    case lists:all(fun(Char) -> is_integer(Char) andalso 32 =< Char andalso Char < 127 end, List) of
        true -> ["list ", List];
        false -> io_lib:format("term ~w", [List])
    end;
encode(Term) ->
    io_lib:format("term ~w", [Term]).

%% Terms that the request syntax cannot write, for the term tests
%% (erts-core/tests/terms.rs): `{'$earts', Form}` with Form one of these.
%% `{hex, Arg}` is the reverse: Arg (a binary) as a string of hex digits.
earts_term({hex, Arg}) ->
    binary_to_list(binary:encode_hex(decode(Arg)));
earts_term({bin, Hex}) ->
    binary:decode_hex(list_to_binary(Hex));
earts_term({bits, Hex, BitSize}) ->
    <<Bits:BitSize/bitstring, _/bitstring>> = binary:decode_hex(list_to_binary(Hex)),
    Bits;
earts_term({atom, Chars}) ->
    list_to_atom(Chars);
earts_term({improper, Elements, Tail}) ->
    lists:foldr(fun(Element, Acc) -> [decode(Element) | Acc] end, decode(Tail), Elements);
earts_term({map, Pairs}) ->
    maps:from_list([{decode(Key), decode(Value)} || {Key, Value} <- Pairs]);
earts_term({export, Module, Function, Arity}) ->
    erlang:make_fun(decode(Module), decode(Function), Arity);
earts_term({pid, Node, Number, Serial, Creation}) ->
    binary_to_term(<<131, 88, (node_ext(Node))/binary, Number:32, Serial:32, Creation:32>>);
earts_term({port, Node, Number, Creation}) ->
    binary_to_term(<<131, 120, (node_ext(Node))/binary, Number:64, Creation:32>>);
earts_term({ref, Node, Creation, Words}) ->
    Numbers = << <<Word:32>> || Word <- Words >>,
    binary_to_term(<<131, 90, (length(Words)):16, (node_ext(Node))/binary, Creation:32,
                     Numbers/binary>>).

node_ext(Node) ->
    <<131, AtomExt/binary>> = term_to_binary(decode(Node)),
    AtomExt.

%% `{'$earts', {apply, Module, Function, Args}}` is `Module:Function(Args...)`
%% with the arguments as they are (for erts-core/tests/bifs.rs).
%%
%% Map requests for erts-core/tests/maps.rs: `{'$earts', {maps, Function,
%% Args}}` is `maps:Function(Args...)`; `{'$earts', {fold_order, Map}}` the
%% pairs in the order `maps:fold/3` visits them.
earts_map_term({maps, Function, Args}) ->
    apply(maps, Function, [decode(Arg) || Arg <- Args]);
earts_map_term({fold_order, Map}) ->
    lists:reverse(maps:fold(fun(Key, Value, Acc) -> [{Key, Value} | Acc] end, [], decode(Map))).
