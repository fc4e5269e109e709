%% Runs the program's main/1 as escript runs a script's: returning halts
%% with status 0; an exception nothing caught is printed on standard_error
%% as "escript: exception Class: Reason" with OTP's own erl_error
%% formatting (the same arguments escript gives it) and halts with 127.
-module(earts_escript).
-export([run/3]).

%% `Boot` holds what must run first: what kernel starts on BEAM, for the
%% programs that need it (see `earts_kernel`).
run(Main, Args, Boot) ->
    try
        lists:foreach(fun(Start) -> Start() end, Boot),
        Main(Args),
        erlang:halt(0)
    catch
        Class:Reason:Stack ->
            Text = format_exception(Class, Reason, Stack),
            io:put_chars(standard_error, io_lib:format("escript: ~ts\n", [Text])),
            erlang:halt(127)
    end.

format_exception(Class, Reason, Stack) ->
    Encoding = encoding(),
    Directive = case Encoding of
                    latin1 -> "P";
                    _ -> "tP"
                end,
    Format = fun(Term, Indent) ->
                     io_lib:format("~." ++ integer_to_list(Indent) ++ Directive, [Term, 50])
             end,
    Hidden = fun(Module, _Function, _Arity) ->
                     Module =:= erl_eval orelse Module =:= ?MODULE
             end,
    erl_error:format_exception(1, Class, Reason, Stack, Hidden, Format, Encoding).

encoding() ->
    case io:getopts() of
        {error, _} -> latin1;
        Options ->
            case lists:keyfind(encoding, 1, Options) of
                {encoding, Encoding} -> Encoding;
                false -> latin1
            end
    end.
