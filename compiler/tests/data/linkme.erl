%% What the linker must follow and what it must leave out.
-module(linkme).
-export([main/1, unused_export/0]).

main(_) ->
    F = fun(X) -> helper(X) end,
    G = fun lists:reverse/1,
    {F, G([1, 2])}.

helper(X) -> X + 1.

unused_export() -> lists:sort([3, 1]).
