-module(syntax_error).
-export([f/0]).
f() -> ok ok.
