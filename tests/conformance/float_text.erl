%% float_to_list/1 and float_to_binary/1: 21 significant digits, and
%% badarg for what is not a float.
-module(float_text).
-export([main/1]).

main(Args) ->
    N = length(Args) + 1,
    Floats = [1.5, -0.0, 0.1, 1.0e300, 5.0e-324, 123456.789, -2.5e-15,
              N / 3, math_free_pi(N), 1.7976931348623157e308],
    [erlang:display(float_to_list(F)) || F <- Floats],
    [erlang:display(float_to_binary(F)) || F <- Floats],
    erlang:display(try float_to_list(id(1)) catch error:badarg -> badarg end),
    erlang:display(try float_to_binary(id(a)) catch error:badarg -> badarg end).

id(X) -> X.

math_free_pi(N) -> 355 / (113 * N).
