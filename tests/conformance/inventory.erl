%% An inventory system with records, orddict stock levels, order processing and error tuples.
-module(inventory).
-export([main/1]).

-record(item, {sku, name, price, qty = 0}).
-record(order, {id, lines = []}).

main(_) ->
    Inv0 = lists:foldl(fun add_item/2, [], [#item{sku = a1, name = "widget", price = 250, qty = 10},
                                           #item{sku = b2, name = "gadget", price = 1299, qty = 2},
                                           #item{sku = c3, name = "doohickey", price = 75, qty = 100}]),
    Orders = [#order{id = 1, lines = [{a1, 3}, {c3, 10}]},
              #order{id = 2, lines = [{b2, 5}]},
              #order{id = 3, lines = [{z9, 1}]},
              #order{id = 4, lines = [{b2, 2}, {a1, 7}]},
              #order{id = 5, lines = [{a1, 1}]}],
    {Inv, Results} = lists:foldl(fun(O, {I, Acc}) ->
                                         {I2, R} = process(O, I),
                                         {I2, [{O#order.id, R} | Acc]}
                                 end, {Inv0, []}, Orders),
    [io:format("order ~p: ~p~n", [Id, R]) || {Id, R} <- lists:reverse(Results)],
    [io:format("~-10s ~4w @ ~s~n", [N, Q, money(P)]) || {_, #item{name = N, qty = Q, price = P}} <- Inv],
    io:format("stock value: ~s~n", [money(lists:sum([P * Q || {_, #item{price = P, qty = Q}} <- Inv]))]),
    io:format("~p~n", [low_stock(Inv, 5)]),
    ok.

add_item(#item{sku = S} = I, Inv) -> orddict:store(S, I, Inv).

process(#order{lines = Lines}, Inv) ->
    case check(Lines, Inv) of
        ok ->
            Inv2 = lists:foldl(fun({S, Q}, Acc) ->
                                       orddict:update(S, fun(I) -> I#item{qty = I#item.qty - Q} end, Acc)
                               end, Inv, Lines),
            Total = lists:sum([Q * (orddict:fetch(S, Inv))#item.price || {S, Q} <- Lines]),
            {Inv2, {ok, money(Total)}};
        Err -> {Inv, Err}
    end.

check([], _) -> ok;
check([{S, Q} | T], Inv) ->
    case orddict:find(S, Inv) of
        error -> {error, {unknown_sku, S}};
        {ok, #item{qty = Have}} when Have < Q -> {error, {insufficient, S, Have, Q}};
        {ok, _} -> check(T, Inv)
    end.

money(Cents) -> io_lib:format("~w.~2..0w", [Cents div 100, Cents rem 100]).

low_stock(Inv, Min) -> [S || {S, #item{qty = Q}} <- Inv, Q < Min].
