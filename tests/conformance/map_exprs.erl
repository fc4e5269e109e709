%% Map expressions: building, updating, matching, and their errors, for
%% small maps and for maps beyond 32 keys.
-module(map_exprs).
-export([main/1]).

main(_) ->
    M0 = #{a => 1, b => 2},
    M1 = M0#{c => 3},
    M2 = M1#{a := 10},
    erlang:display(M2),
    #{a := A, c := C} = M2,
    erlang:display({A, C}),
    erlang:display(describe(M2)),
    erlang:display(describe(#{})),
    erlang:display(try M0#{zz := 1} catch error:{badkey, K} -> {badkey, K} end),
    erlang:display(try (id(not_a_map))#{a => 1} catch error:{badmap, B} -> {badmap, B} end),
    Big = grow(#{}, 1, 100),
    erlang:display(map_size(Big)),
    erlang:display(lookup(Big, [1, 33, 64, 100, 101])),
    Big2 = Big#{50 := fifty, 200 => two_hundred},
    erlang:display(lookup(Big2, [50, 200, 7])),
    erlang:display(#{{k, 1} => [1], "s" => <<"b">>, 1.5 => x, 2 => y}).

id(X) -> X.

describe(#{a := _} = M) -> {has_a, map_size(M)};
describe(#{}) -> empty_or_other.

grow(M, N, Max) when N > Max -> M;
grow(M, N, Max) -> grow(M#{N => N * N}, N + 1, Max).

lookup(M, Keys) ->
    [case M of #{K := V} -> V; _ -> missing end || K <- Keys].
