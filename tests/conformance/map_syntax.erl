%% Map expressions: construction, update (=> and :=), matching in heads and cases, keys of all types.
-module(map_syntax).
-export([main/1]).

main(_) ->
    M0 = #{},
    M1 = M0#{a => 1},
    M2 = M1#{a := 2, b => 3},
    p([M0, M1, M2]),
    p(try (id(M1))#{zz := 1} catch error:E -> E end),
    p(try (id(not_map))#{a => 1} catch error:E2 -> E2 end),
    K = key,
    M3 = #{K => value, {K, 1} => pair, [1, 2] => list, <<"bin">> => bin, 1.0 => float, 1 => int},
    p(M3),
    p(maps:get(1, M3)),
    p(maps:get(1.0, M3)),
    #{K := V, <<"bin">> := B} = M3,
    p({V, B}),
    p([describe(X) || X <- [#{type => circle, r => 2}, #{type => square, side => 3}, #{type => other}, #{}]]),
    p(count_words(["a", "b", "a", "c", "b", "a"])),
    p(nested_update(#{outer => #{inner => 1}})),
    p(#{a => 1} =:= #{a => 1}),
    p(#{a => 1} == #{a => 1.0}),
    p(#{a => 1} =:= #{a => 1.0}),
    p(#{a => 1, b => 2} < #{a => 1, b => 2, c => 3}),
    p(#{b => 1} < #{a => 2, c => 3}),
    p(lists:sort([#{c => 1}, #{a => 1}, #{b => 0, a => 1}, #{a => 0}])),
    p(map_size(M3)),
    p(is_map_key(key, M3)),
    p(case M3 of #{key := value} -> yes; _ -> no end),
    p(case #{a => 1} of #{b := _} -> has_b; #{a := A} when A > 0 -> {pos_a, A} end),
    F = fun(#{x := X, y := Y}) -> X + Y end,
    p(F(#{x => 1, y => 2, z => 3})),
    p([maps:get(N, #{N => N * 2}) || N <- [1, 2, 3]]),
    ok.

p(X) -> io:format("~p~n", [X]).
id(X) -> X.

describe(#{type := circle, r := R}) -> {circle, R * R * 3};
describe(#{type := square, side := S}) -> {square, S * S};
describe(#{type := T}) -> {unknown, T};
describe(#{}) -> empty.

count_words(Ws) ->
    lists:foldl(fun(W, Acc) ->
                        case Acc of
                            #{W := C} -> Acc#{W := C + 1};
                            _ -> Acc#{W => 1}
                        end
                end, #{}, Ws).

nested_update(#{outer := In} = M) ->
    M#{outer := In#{inner := maps:get(inner, In) + 1, added => true}}.
