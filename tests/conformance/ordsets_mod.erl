%% ordsets (the sets module needs maps:from_keys/merge/remove BIFs in earts).
-module(ordsets_mod).
-export([main/1]).

main(_) ->
    O1 = ordsets:from_list([c, a, b, a]),
    O2 = ordsets:from_list([b, c, d]),
    p(O1),
    p(ordsets:union(O1, O2)),
    p(ordsets:union([O1, O2, [z]])),
    p(ordsets:intersection(O1, O2)),
    p(ordsets:subtract(O1, O2)),
    p(ordsets:add_element(aa, O1)),
    p(ordsets:del_element(b, O1)),
    p(ordsets:is_element(c, O1)),
    p(ordsets:is_subset([a, b], O1)),
    p(ordsets:is_disjoint(O1, [x])),
    p(ordsets:fold(fun(X, A) -> [X | A] end, [], O1)),
    p(ordsets:filter(fun(X) -> X > a end, O1)),
    p(ordsets:size(O1)),
    p(ordsets:is_set([a, b])),
    p(ordsets:is_set([b, a])),
    ok.

p(X) -> io:format("~p~n", [X]).
