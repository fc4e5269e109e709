%% Records nested in records, lists and maps; record updates in folds; records as process state.
-module(records_nested).
-export([main/1]).

-record(addr, {street = "", city = "", zip = 0}).
-record(emp, {id, name, addr = #addr{}, salary = 0, skills = []}).
-record(dept, {name, staff = [] :: [#emp{}], budget = 0}).

main(_) ->
    E1 = #emp{id = 1, name = "Ada", addr = #addr{city = "London", zip = 100}, salary = 5000, skills = [math]},
    E2 = #emp{id = 2, name = "Bob", salary = 3000},
    E3 = E2#emp{id = 3, name = "Cy", addr = (E2#emp.addr)#addr{city = "Paris"}},
    D = #dept{name = "R&D", staff = [E1, E2, E3]},
    p(D),
    p([E#emp.name || E <- D#dept.staff]),
    p([C || #emp{addr = #addr{city = C}} <- D#dept.staff, C =/= ""]),
    D2 = raise(D, 10),
    p([{E#emp.name, E#emp.salary} || E <- D2#dept.staff]),
    p(D2#dept.budget),
    p(lists:keyfind(3, #emp.id, D2#dept.staff)),
    p(lists:keyfind("Ada", #emp.name, D#dept.staff) =:= E1),
    ByCity = lists:foldl(fun(#emp{addr = #addr{city = C}, name = N}, M) ->
                                 maps:update_with(C, fun(L) -> [N | L] end, [N], M)
                         end, #{}, D#dept.staff),
    p(lists:sort(maps:to_list(ByCity))),
    p(learn(E2, [erlang, rust, erlang])),
    S = spawn(fun() -> server(#dept{name = "Ops"}) end),
    [S ! {hire, #emp{id = I, name = "w" ++ integer_to_list(I), salary = I * 100}} || I <- lists:seq(1, 5)],
    S ! {report, self()},
    p(receive {report, R} -> R after 1000 -> timeout end),
    p(#emp.salary),
    p(record_info(fields, dept)),
    p(is_record(D, dept)),
    p(tuple_size(E1)),
    ok.

p(X) -> io:format("~p~n", [X]).

raise(#dept{staff = Staff} = D, Pct) ->
    New = [E#emp{salary = E#emp.salary * (100 + Pct) div 100} || E <- Staff],
    D#dept{staff = New, budget = lists:sum([E#emp.salary || E <- New])}.

learn(E, Skills) ->
    lists:foldl(fun(S, #emp{skills = Ss} = Acc) ->
                        case lists:member(S, Ss) of
                            true -> Acc;
                            false -> Acc#emp{skills = Ss ++ [S]}
                        end
                end, E, Skills).

server(#dept{staff = Staff} = D) ->
    receive
        {hire, E} -> server(D#dept{staff = [E | Staff], budget = D#dept.budget + E#emp.salary});
        {report, From} -> From ! {report, {D#dept.name, length(Staff), D#dept.budget}}
    end.
