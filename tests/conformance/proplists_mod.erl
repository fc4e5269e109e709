%% proplists: get_value, lookup, get_all_values, delete, expand, normalize, compact, split...
-module(proplists_mod).
-export([main/1]).

main(_) ->
    L = [{a, 1}, b, {c, 3}, {a, 2}, {d, x, y}, "str"],
    p(proplists:get_value(a, L)),
    p(proplists:get_value(b, L)),
    p(proplists:get_value(z, L)),
    p(proplists:get_value(z, L, dflt)),
    p(proplists:get_all_values(a, L)),
    p(proplists:lookup(a, L)),
    p(proplists:lookup(d, L)),
    p(proplists:lookup(z, L)),
    p(proplists:lookup_all(a, L)),
    p(proplists:is_defined(c, L)),
    p(proplists:is_defined(z, L)),
    p(proplists:get_bool(b, L)),
    p(proplists:get_bool(a, L)),
    p(proplists:get_bool(z, L)),
    p(proplists:delete(a, L)),
    p(proplists:get_keys(L)),
    p(proplists:append_values(a, [{a, [1]}, {a, [2, 3]}, {a, 4}])),
    p(proplists:compact([{a, true}, {b, false}, c])),
    p(proplists:unfold([a, {b, 1}])),
    p(proplists:property({a, true})),
    p(proplists:property(k, v)),
    p(proplists:expand([{foo, [bar, baz]}], [fie, foo, fum])),
    p(proplists:substitute_aliases([{color, colour}], [color, {color, red}, x])),
    p(proplists:substitute_negations([{no_foo, foo}], [no_foo, {no_foo, true}, bar])),
    p(proplists:normalize([a, {b, 1}, no_c], [{negations, [{no_c, c}]}])),
    p(proplists:split([{c, 2}, {e, 1}, a, {c, 3, 4}, d, {b, 5}, b], [a, b, c])),
    p(proplists:from_map(#{k => v})),
    ok.

p(X) -> io:format("~p~n", [X]).
