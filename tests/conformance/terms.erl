%% Building and matching tuples, lists and atoms.
-module(terms).
-export([main/1]).

main(Args) ->
    erlang:display(Args),
    erlang:display({ok, [1, 2, 3], {nested, 'Quoted atom', []}}),
    erlang:display(swap({left, right})),
    erlang:display(classify([a, {x, 1}, [], 42, [1 | 2], {}])),
    erlang:display(zip([1, 2, 3], [a, b, c])),
    erlang:display("text").

swap({A, B}) -> {B, A}.

classify([]) -> [];
classify([H | T]) -> [kind(H) | classify(T)].

kind(X) when is_atom(X) -> atom;
kind({Tag, _}) when is_atom(Tag) -> tagged;
kind({}) -> empty_tuple;
kind([]) -> nil;
kind([_ | _]) -> cons;
kind(X) when is_integer(X), X > 10 -> big_int;
kind(_) -> other.

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip([], []) -> [].
