%% Appending to a binary in a loop: BEAM grows the accumulator in place
%% (amortised O(1) per append), so this is linear in the appends. Also a
%% binary comprehension, which appends through `private_append`.
-module(binary_append).
-export([main/1]).

main(_) ->
    Bin = loop(5000000, <<>>),
    Comp = << <<X:16>> || X <- lists:seq(1, 1000000) >>,
    erlang:display({byte_size(Bin), erlang:md5(Bin), byte_size(Comp)}).

loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, <<Acc/binary, N:32>>).
