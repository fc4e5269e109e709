#!/usr/bin/env escript
%% Writes what OTP's own beam_disasm:file/1 returns for each BEAM file, as
%% text in the layout of `eartsc disasm --style beam-disasm`:
%%   {function,Name,Arity,Entry}.
%%   Instruction.      (one per line)
%% Usage: beam_disasm.escript OutDir File.beam...
%% Writes OutDir/<basename>.txt per file, or <basename>.err if beam_disasm
%% fails, and <basename>.tables with the literal table (one term a line,
%% through binary_to_term/1) after the atom, import, export and local
%% tables and the raw Attr and CInf terms, all as beam_lib reads them. Three normalisations make the text comparable: typed registers show
%% their type as the raw bits of the Type chunk (beam_disasm joins them into
%% beam_types records), map keys are written in sorted order, and the
%% labels before a func_info are in code order (see in_code_order/1).
-mode(compile).

main([OutDir | Files]) ->
    lists:foreach(fun(File) -> disasm(OutDir, File) end, Files).

disasm(OutDir, File) ->
    Base = filename:join(OutDir, filename:basename(File, ".beam")),
    case beam_disasm:file(File) of
        {beam_file, _Module, _Exports, _Attributes, _CompileInfo, Functions} ->
            Text = [function_text(F) || F <- in_code_order(Functions)],
            ok = file:write_file(Base ++ ".txt", unicode:characters_to_binary(Text)),
            Tables = [[w(T), ".\n"] || T <- tables(File) ++ literals(File)],
            ok = file:write_file(Base ++ ".tables", unicode:characters_to_binary(Tables));
        Error ->
            ok = file:write_file(Base ++ ".err", io_lib:format("~p~n", [Error]))
    end.

%% beam_disasm returns the labels and lines before each func_info, except
%% the first function's, in reverse order; put them back in code order.
in_code_order([First | Rest]) ->
    [First | [reverse_prefix(F) || F <- Rest]];
in_code_order([]) ->
    [].

reverse_prefix({function, Name, Arity, Entry, Code}) ->
    {Prefix, Body} = lists:splitwith(fun(I) -> element(1, I) =/= func_info end, Code),
    {function, Name, Arity, Entry, lists:reverse(Prefix) ++ Body}.

tables(File) ->
    {ok, {_, [{atoms, Atoms}, {imports, Imports}, {labeled_exports, Exports},
              {labeled_locals, Locals}]}} =
        beam_lib:chunks(File, [atoms, imports, labeled_exports, labeled_locals]),
    [{atoms, lists:sort(Atoms)}, {imports, Imports}, {exports, lists:sort(Exports)},
     {locals, lists:sort(Locals)}]
        ++ [{Name, term_chunk(File, Chunk)} || {Name, Chunk} <- [{attributes, "Attr"}, {compile_info, "CInf"}]].

term_chunk(File, Chunk) ->
    case beam_lib:chunks(File, [Chunk]) of
        {ok, {_, [{Chunk, Binary}]}} -> binary_to_term(Binary);
        {error, beam_lib, {missing_chunk, _, _}} -> none
    end.

literals(File) ->
    case beam_lib:chunks(File, ["LitT"]) of
        {ok, {_, [{"LitT", <<0:32, Table/binary>>}]}} -> literal_list(Table);
        {ok, {_, [{"LitT", <<_:32, Compressed/binary>>}]}} -> literal_list(zlib:uncompress(Compressed));
        {error, beam_lib, {missing_chunk, _, _}} -> []
    end.

literal_list(<<_Count:32, Entries/binary>>) ->
    [binary_to_term(Ext) || <<Size:32, Ext:Size/binary>> <= Entries].

function_text({function, Name, Arity, Entry, Code}) ->
    [w({function, Name, Arity, Entry}), ".\n"
     | [[w(normalise(I)), ".\n"] || I <- Code]].

normalise({tr, Reg, {Type, Min, Max}}) ->
    <<Bits:16, _/binary>> = beam_types:encode_ext(Type),
    {tr, Reg, {Bits, Min, Max}};
normalise(T) when is_tuple(T) ->
    list_to_tuple([normalise(E) || E <- tuple_to_list(T)]);
normalise([H | T]) ->
    [normalise(H) | normalise(T)];
normalise(T) ->
    T.

%% io_lib:write/1, except that map keys are sorted.
w(Map) when is_map(Map) ->
    Pairs = [[w(K), " => ", w(V)] || {K, V} <- lists:sort(maps:to_list(Map))],
    ["#{", lists:join(",", Pairs), "}"];
w(Tuple) when is_tuple(Tuple) ->
    ["{", lists:join(",", [w(E) || E <- tuple_to_list(Tuple)]), "}"];
w([]) ->
    "[]";
w(List) when is_list(List) ->
    ["[", list_body(List), "]"];
w(Term) ->
    io_lib:write(Term).

list_body([H]) -> [w(H)];
list_body([H | T]) when is_list(T) -> [w(H), "," | list_body(T)];
list_body([H | T]) -> [w(H), "|", w(T)].
