%% lists sorting and key functions: sort, usort, keysort, ukeysort, merge, keymerge, keyfind...
-module(lists_sort).
-export([main/1]).

main(_) ->
    p(lists:sort([5, 3, 9, 1, 3, 7])),
    p(lists:sort([b, 3, "s", {x}, 2.0, a, [], <<"b">>, 1])),
    p(lists:usort([5, 3, 9, 1, 3, 7, 1])),
    p(lists:usort([1, 1.0, 2])),
    p(lists:sort([1.0, 1, 0.5])),
    T = [{b, 2, x}, {a, 3, y}, {c, 1, z}, {a, 1, w}],
    p(lists:keysort(1, T)),
    p(lists:keysort(2, T)),
    p(lists:ukeysort(1, T)),
    p(lists:keyfind(a, 1, T)),
    p(lists:keyfind(q, 1, T)),
    p(lists:keysearch(c, 1, T)),
    p(lists:keymember(2, 2, T)),
    p(lists:keydelete(a, 1, T)),
    p(lists:keyreplace(a, 1, T, {a, 0, new})),
    p(lists:keystore(d, 1, T, {d, 4, v})),
    p(lists:keystore(b, 1, T, {b, 0, v})),
    p(lists:keytake(c, 1, T)),
    p(lists:merge([1, 4, 7], [2, 3, 8])),
    p(lists:merge([[1, 5], [2, 6], [3, 4]])),
    p(lists:merge3([1, 4], [2, 5], [3, 6])),
    p(lists:umerge([1, 2, 4], [2, 3, 4])),
    p(lists:merge(fun(A, B) -> A >= B end, [7, 4, 1], [8, 3, 2])),
    p(lists:keymerge(1, [{a, 1}, {c, 3}], [{b, 2}, {d, 4}])),
    p(lists:ukeymerge(1, [{a, 1}, {c, 3}], [{a, 2}, {d, 4}])),
    p(lists:sort(fun({_, A}, {_, B}) -> A > B end, [{x, 1}, {y, 3}, {z, 2}])),
    Big = [(I * 7919) rem 1000 || I <- lists:seq(1, 2000)],
    S = lists:sort(Big),
    p(lists:sublist(S, 10)),
    p(length(lists:usort(Big))),
    p(is_sorted(S)),
    p(lists:sublist(lists:reverse(lists:sort(Big)), 5)),
    Stable = lists:keysort(2, [{I, I rem 3} || I <- lists:seq(1, 12)]),
    p(Stable),
    ok.

p(X) -> io:format("~p~n", [X]).

is_sorted([A, B | T]) when A =< B -> is_sorted([B | T]);
is_sorted([_, _ | _]) -> false;
is_sorted(_) -> true.
