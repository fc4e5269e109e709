-module(missing).
-export([main/1]).

main(_) -> nosuchmodule:go(1), lists:not_a_function(2).
