%% io:put_chars, io:write, io:nl, io:fwrite, io_lib:fwrite and io:format with binaries as format.
-module(io_output).
-export([main/1]).

main(Args) ->
    io:put_chars("put_chars list\n"),
    io:put_chars(<<"put_chars binary\n">>),
    io:put_chars(["deep ", ["io", $l, "ist"], <<" data">>, $\n]),
    io:write({written, [1, 2], "s"}),
    io:nl(),
    io:fwrite("fwrite ~p~n", [Args]),
    io:format(<<"binary format ~p~n">>, [ok]),
    io:format(fmt_atom, []),
    io:nl(),
    io:format(standard_io, "to standard_io ~w~n", [1]),
    io:format(user, "to user ~w~n", [2]),
    io:put_chars(standard_io, "explicit device\n"),
    S = io_lib:fwrite("~w+~w", [1, 2]),
    io:put_chars(S),
    io:nl(),
    io:format("~s~n", [lists:duplicate(200, $=)]),
    [io:format("line ~3..0w~n", [N]) || N <- lists:seq(1, 12)],
    io:format("unicode: ~ts~n", [<<"\xc3\xa5\xc3\xa4\xc3\xb6">>]),
    io:format("unicode list: ~ts~n", [[229, 228, 246]]),
    io:format("latin1 s: ~s~n", [[229, 228, 246]]),
    io:format("final~n").
