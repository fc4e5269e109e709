%% BIFs that build while other terms are live: each call below may collect
%% (the heap starts small), and the tuples and lists held in registers and
%% on the stack across it must come through intact.
-module(bif_gc).
-export([main/1]).

main(_) ->
    Keep = {kept, [1, 2, 3], "text"},
    erlang:display(loop(20000, Keep, {0, []}, 1 bsl 62)),
    erlang:display(Keep).

%% Builds with BIFs at every step, keeping Keep, Acc and Big live across
%% each call.
loop(0, Keep, Acc, Big) ->
    {Keep, element(1, Acc), length(element(2, Acc)), Big rem 1000};
loop(N, Keep, {Count, List}, Big) ->
    Tuple = erlang:make_tuple(3, N),
    Updated = setelement(2, Tuple, Keep),
    Appended = erlang:append_element(Updated, List),
    Text = integer_to_list(N),
    Back = list_to_integer(Text),
    Listed = tuple_to_list(Appended),
    Again = list_to_tuple(Listed),
    Bigger = abs(-Big) + N,
    Sum = float(Back) + 0.5,
    Next = case N rem 100 of
        0 -> [Back | List];
        _ -> List
    end,
    Checked = {element(1, Again), trunc(Sum), lists:reverse(Next, [])},
    case Checked of
        {N, N, _} -> loop(N - 1, Keep, {Count + 1, lists:reverse(Next, [])}, Bigger - N);
        _ -> {mismatch, N, Checked}
    end.
