%% Records: creation, defaults, access, update, matching, record_info, nested records.
-module(records).
-export([main/1]).

-record(person, {name, age = 0, email = undefined :: undefined | string(), tags = []}).
-record(point, {x = 0, y = 0}).
-record(line, {from = #point{}, to = #point{x = 1, y = 1}}).
-record(empty, {}).

main(_) ->
    P = #person{name = "Ann", age = 30},
    p(P),
    p(P#person.name),
    p(P#person.age),
    P2 = P#person{age = 31, tags = [admin]},
    p(P2),
    p(#person.age),
    p(record_info(fields, person)),
    p(record_info(size, person)),
    p(record_info(fields, empty)),
    p(#empty{}),
    L = #line{},
    p(L),
    p((L#line.to)#point.x),
    L2 = L#line{from = #point{x = -1}},
    p(L2#line.from#point.x),
    p(is_record(P, person)),
    p(is_record(P, point)),
    p(is_record({person, a, b, c, d}, person)),
    p(is_record({person, a, b}, person)),
    p([older(X) || X <- [P, P2, #person{name = "Kid", age = 5}]]),
    p(name_of(P2)),
    p(lists:keysort(#person.age, [#person{name = N, age = A} || {N, A} <- [{"b", 3}, {"a", 9}, {"c", 1}]])),
    p(lists:keyfind("Bob", #person.name, [P, #person{name = "Bob", age = 2}])),
    p(try (list_to_tuple([x]))#person.name catch error:E -> E end),
    p(try bad_update(foo) catch error:E2 -> E2 end),
    p(#point{_ = 7}),
    p(element(1, #point{})),
    ok.

p(X) -> io:format("~p~n", [X]).

older(#person{age = A} = P) when A >= 18 -> {adult, P#person.name};
older(#person{name = N}) -> {minor, N}.

name_of(#person{name = N}) -> N.

bad_update(X) -> X#point{x = 1}.
