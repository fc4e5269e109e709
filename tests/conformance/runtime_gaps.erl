%% BIFs of a node with no ports and no distribution, as BEAM answers them
%% on a node that is not alive: port operations on non-ports, nodes/1,2,
%% monitor_node/2,3; and make_fun/3, list_to_pid/1, garbage_collect/0,
%% file name encoding, dt_spread_tag/1, load_nif/2's error shape.
-module(runtime_gaps).
-export([main/1]).

main(_) ->
    Self = self(),
    show(fun() -> erlang:port_info(Self, name) end),
    show(fun() -> erlang:port_info(no_such_port, name) end),
    show(fun() -> erlang:port_info(Self) end),
    show(fun() -> erlang:port_close(Self) end),
    show(fun() -> erlang:port_command(Self, "data") end),
    show(fun() -> erlang:port_control(Self, 1, "data") end),
    show(fun() -> erlang:port_set_data(Self, x) end),
    show(fun() -> erlang:port_get_data(Self) end),
    show(fun() -> nodes() end),
    show(fun() -> nodes(this) end),
    show(fun() -> nodes(known) end),
    show(fun() -> nodes([visible, hidden]) end),
    show(fun() -> nodes(connected) end),
    show(fun() -> nodes(bogus) end),
    show(fun() -> nodes(this, #{connection_id => true, node_type => true}) end),
    show(fun() -> nodes(visible, #{}) end),
    show(fun() -> nodes(this, #{bogus => true}) end),
    show(fun() -> monitor_node(node(), true) end),
    show(fun() -> monitor_node(node(), false) end),
    show(fun() -> monitor_node(other@host, true) end),
    show(fun() -> monitor_node(node(), maybe) end),
    show(fun() -> erlang:monitor_node(node(), true, [allow_passive_connect]) end),
    show(fun() -> erlang:monitor_node(node(), true, [bogus]) end),
    show(fun() -> is_alive() end),
    Map = erlang:make_fun(lists, map, 2),
    show(fun() -> Map(fun(X) -> X * 2 end, [1, 2, 3]) end),
    show(fun() -> erlang:fun_info(Map, type) end),
    show(fun() -> erlang:make_fun(lists, map, 256) end),
    show(fun() -> erlang:make_fun("lists", map, 2) end),
    show(fun() -> pid_to_list(list_to_pid("<0.4.0>")) end),
    show(fun() -> list_to_pid("<0.4>") end),
    show(fun() -> list_to_pid("<0.x.0>") end),
    show(fun() -> list_to_pid(atom) end),
    garbage(1000),
    show(fun() -> garbage_collect() end),
    show(fun() -> file:native_name_encoding() end),
    show(fun() -> prim_file:internal_name2native("dir/файл") end),
    show(fun() -> prim_file:internal_name2native(<<"bin">>) end),
    show(fun() -> prim_file:internal_name2native(atom) end),
    show(fun() -> erlang:dt_spread_tag(true) end),
    show(fun() -> erlang:dt_restore_tag(true) end),
    show(fun() -> erlang:dt_spread_tag(x) end),
    show(fun() ->
                 {error, {Kind, Text}} = erlang:load_nif("/no/such/lib", 0),
                 {Kind, is_list(Text)}
         end),
    ok.

garbage(0) -> ok;
garbage(N) -> _ = lists:seq(1, 10), garbage(N - 1).

show(F) ->
    io:format("~p~n", [try F() catch Class:Reason -> {Class, Reason} end]).
