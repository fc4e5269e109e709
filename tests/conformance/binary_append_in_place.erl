%% Appending to binaries (`<<Acc/binary, ...>>`, binary comprehensions):
%% BEAM grows a writable accumulator in place, and every term must still
%% see only its own bits: old accumulators, two appends to one
%% accumulator, an accumulator sent to another process and appended to on
%% both sides.
-module(binary_append_in_place).
-export([main/1]).

main(_) ->
    whole_bytes(),
    bit_sized(),
    branches(),
    kept_accumulators(),
    between_processes(),
    comprehensions(),
    sub_binaries(),
    errors(),
    others().

show(Label, Bin) when is_binary(Bin) ->
    io:format("~s: ~p bytes ~p~n", [Label, byte_size(Bin), erlang:md5(Bin)]);
show(Label, Bits) ->
    Pad = (8 - bit_size(Bits) rem 8) rem 8,
    io:format("~s: ~p bits ~p~n",
              [Label, bit_size(Bits), erlang:md5(<<Bits/bitstring, 0:Pad>>)]).

loop32(0, Acc) -> Acc;
loop32(N, Acc) -> loop32(N - 1, <<Acc/binary, N:32>>).

whole_bytes() ->
    Big = loop32(100000, <<>>),
    show("100000 appends", Big),
    <<First:32, _/binary>> = Big,
    <<_:399996/binary, Last:32>> = Big,
    io:format("~p ~p~n", [First, Last]),
    Small = loop32(5, <<"start">>),
    io:format("~p~n", [Small]),
    Strings = lists:foldl(fun(W, Acc) -> <<Acc/binary, W/binary, " ">> end,
                          <<>>, [<<"word">>, <<"another">>, <<"third">>]),
    io:format("~p~n", [Strings]),
    Mixed = mixed(3000, <<>>),
    show("mixed segments", Mixed).

mixed(0, Acc) -> Acc;
mixed(N, Acc) ->
    mixed(N - 1, <<Acc/binary, N:16/little, (N * 1.5):64/float, "ab",
                   (integer_to_binary(N))/binary, N/utf8>>).

bits(0, Acc) -> Acc;
bits(N, Acc) -> bits(N - 1, <<Acc/bitstring, (N rem 8):3>>).

bit_sized() ->
    B = bits(10000, <<>>),
    show("10000 3-bit appends", B),
    Odd = bits(7, <<>>),
    io:format("~p~n", [Odd]),
    C = lists:foldl(fun(N, Acc) -> <<Acc/bitstring, N:5, "x", N:1>> end,
                    <<1:1>>, lists:seq(1, 2000)),
    show("5+8+1-bit appends", C),
    %% A whole-byte append after odd bits, and back to whole bytes.
    D = <<(bits(100, <<>>))/bitstring, 1:4>>,
    show("300+4 bits", D),
    E = loop32(1000, D),
    show("then 1000 words", E).

branches() ->
    Base = loop32(100, <<>>),
    One = <<Base/binary, "one">>,
    Two = <<Base/binary, "two">>,
    One2 = <<One/binary, "more">>,
    Two2 = <<Two/binary, "else">>,
    Three = <<Base/binary, "three">>,
    [io:format("~p ~p~n", [byte_size(X), binary:part(X, 400, byte_size(X) - 400)])
     || X <- [Base, One, Two, One2, Two2, Three]],
    %% Both branches keep appending, interleaved.
    {L, R} = interleave(500, One, Two),
    show("left", L),
    show("right", R),
    %% Branches from an accumulator that ends inside a byte.
    Odd = <<(loop32(100, <<>>))/binary, 5:3>>,
    OddA = <<Odd/bitstring, 7:3>>,
    OddB = <<Odd/bitstring, 0:3>>,
    OddC = <<Odd/bitstring, 1:5, 255:8>>,
    [io:format("~p ~p~n", [bit_size(X), binary:part(<<X/bitstring, 0:((8 - bit_size(X) rem 8) rem 8)>>, 397, 4)])
     || X <- [Odd, OddA, OddB, OddC]].

interleave(0, L, R) -> {L, R};
interleave(N, L, R) -> interleave(N - 1, <<L/binary, N:8>>, <<R/binary, (N * 7):24>>).

kept_accumulators() ->
    Kept = keep(300, <<>>, []),
    io:format("~p~n", [[byte_size(B) || B <- lists:sublist(Kept, 5)]]),
    io:format("~p~n", [lists:all(fun(B) -> binary:part(hd(Kept), 0, byte_size(B)) =:= B end, Kept)]),
    show("kept", list_to_binary(Kept)).

keep(0, _, Kept) -> Kept;
keep(N, Acc, Kept) ->
    Next = <<Acc/binary, N:16>>,
    keep(N - 1, Next, [Next | Kept]).

between_processes() ->
    Base = loop32(1000, <<>>),
    Parent = self(),
    Child = spawn(fun() ->
                          receive {From, Bin} ->
                                  Grown = loop32(2000, <<Bin/binary, "child">>),
                                  From ! {self(), Grown, Bin}
                          end
                  end),
    Child ! {Parent, Base},
    Mine = loop32(3000, <<Base/binary, "parent">>),
    receive
        {Child, Theirs, Echo} ->
            show("child's", Theirs),
            show("parent's", Mine),
            show("base", Base),
            io:format("~p~n", [Echo =:= Base]),
            %% Append to what came back, in both the echo and our base.
            show("echo grown", loop32(100, Echo)),
            show("base grown", loop32(100, Base)),
            show("theirs grown", loop32(100, Theirs))
    end,
    %% Many processes each appending to one shared accumulator.
    Shared = loop32(500, <<"shared">>),
    Pids = [spawn_appender(Parent, Shared, K) || K <- lists:seq(1, 4)],
    Results = [receive {P, R} -> R end || P <- Pids],
    [show("appender", R) || R <- Results],
    show("shared after", Shared).

spawn_appender(Parent, Shared, K) ->
    spawn(fun() -> Parent ! {self(), loop32(K * 250, <<Shared/binary, K>>)} end).

comprehensions() ->
    A = << <<X:16>> || X <- lists:seq(1, 50000) >>,
    show("comprehension", A),
    B = << <<X:3>> || X <- lists:seq(1, 1001) >>,
    show("bit comprehension", B),
    C = << <<(byte_size(Y)):8, Y/binary>> || Y <- [<<"a">>, <<"bc">>, <<>>, A] >>,
    show("nested", C),
    D = << <<X, Y>> || X <- lists:seq(1, 100), Y <- "xy", X rem 3 =:= 0 >>,
    io:format("~p~n", [D]),
    E = << <<Byte, Byte>> || <<Byte>> <= binary:part(A, 0, 20) >>,
    io:format("~p~n", [E]).

sub_binaries() ->
    Big = loop32(200, <<>>),
    <<_:8, Rest/binary>> = Big,
    R1 = <<Rest/binary, "x">>,
    R2 = <<Rest/binary, "y">>,
    io:format("~p ~p ~p~n", [byte_size(R1), binary:last(R1), binary:last(R2)]),
    <<Head:400/binary, _/binary>> = Big,
    H1 = loop32(10, Head),
    io:format("~p ~p~n", [byte_size(H1), binary:part(H1, 396, 8)]),
    show("big unchanged", Big),
    %% A tail taken in a loop, appended to each time.
    show("drop and append", drop_append(300, Big)),
    %% Appending an accumulator to itself.
    show("doubled", double(12, <<"ab">>)),
    Split = element(2, split_binary(Big, 100)),
    show("split tail grown", loop32(50, Split)).

drop_append(0, Acc) -> Acc;
drop_append(N, <<_, Rest/binary>>) -> drop_append(N - 1, <<Rest/binary, N:16>>).

double(0, Acc) -> Acc;
double(N, Acc) -> double(N - 1, <<Acc/binary, Acc/binary>>).

errors() ->
    Odd = binary_to_term(term_to_binary(<<1:4>>)),
    io:format("~p~n", [reason(fun() -> <<Odd/binary, 1>> end)]),
    NotBin = list_to_atom("atom"),
    io:format("~p~n", [reason(fun() -> <<NotBin/binary, 1>> end)]),
    Big = loop32(100, <<>>),
    Bad = list_to_atom("bad"),
    io:format("~p~n", [reason(fun() -> <<Big/binary, Bad:8>> end)]),
    %% The failed append left the accumulator appendable.
    show("after badarg", <<Big/binary, 1>>).

reason(Fun) ->
    try Fun() catch Class:Reason -> {Class, Reason} end.

others() ->
    Big = loop32(1000, <<>>),
    Copy = binary_to_term(term_to_binary(Big)),
    show("through ETF", loop32(10, Copy)),
    Lit = <<"a literal binary that is longer than sixty-four bytes, so it is refc">>,
    show("literal grown", loop32(10, Lit)),
    show("literal", Lit),
    io:format("~p~n", [binary_to_list(binary:part(loop32(3, Lit), 60, 20))]),
    Iolist = [Big, <<"tail">>],
    show("iolist", iolist_to_binary([loop32(5, Big) | Iolist])).
