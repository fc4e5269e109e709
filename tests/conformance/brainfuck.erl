%% A Brainfuck interpreter using a zipper tape and precomputed bracket jumps in a map.
-module(brainfuck).
-export([main/1]).

main(_) ->
    Hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.",
    io:format("~s", [run(Hello, [])]),
    Add = ",>,[<+>-]<.",
    io:format("~p~n", [run(Add, [30, 12])]),
    Rev = ",[>,]<[.<]",
    io:format("~s~n", [run(Rev, "stressed")]),
    Count = "++++++++++[>+++++<-]>-[.-]",
    io:format("~p~n", [length(run(Count, []))]),
    ok.

run(Prog, Input) ->
    Code = list_to_tuple(Prog),
    Jumps = jumps(Prog, 1, [], #{}),
    exec(Code, Jumps, 1, {[], 0, []}, Input, []).

jumps([], _, [], J) -> J;
jumps([$[ | T], I, Stack, J) -> jumps(T, I + 1, [I | Stack], J);
jumps([$] | T], I, [O | Stack], J) -> jumps(T, I + 1, Stack, J#{O => I, I => O});
jumps([_ | T], I, Stack, J) -> jumps(T, I + 1, Stack, J).

exec(Code, _, PC, _, _, Out) when PC > tuple_size(Code) -> lists:reverse(Out);
exec(Code, J, PC, {L, C, R} = Tape, In, Out) ->
    case element(PC, Code) of
        $+ -> exec(Code, J, PC + 1, {L, (C + 1) band 255, R}, In, Out);
        $- -> exec(Code, J, PC + 1, {L, (C - 1) band 255, R}, In, Out);
        $> -> exec(Code, J, PC + 1, right(Tape), In, Out);
        $< -> exec(Code, J, PC + 1, left(Tape), In, Out);
        $. -> exec(Code, J, PC + 1, Tape, In, [C | Out]);
        $, -> case In of
                  [H | T] -> exec(Code, J, PC + 1, {L, H, R}, T, Out);
                  [] -> exec(Code, J, PC + 1, {L, 0, R}, [], Out)
              end;
        $[ when C =:= 0 -> exec(Code, J, maps:get(PC, J) + 1, Tape, In, Out);
        $] when C =/= 0 -> exec(Code, J, maps:get(PC, J) + 1, Tape, In, Out);
        _ -> exec(Code, J, PC + 1, Tape, In, Out)
    end.

right({L, C, []}) -> {[C | L], 0, []};
right({L, C, [H | T]}) -> {[C | L], H, T}.
left({[], C, R}) -> {[], 0, [C | R]};
left({[H | T], C, R}) -> {T, H, [C | R]}.
