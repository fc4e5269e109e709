%% timer:sleep needs nothing of timer's server; timer:send_after starts it.
-module(timers_only).
-export([main/0, later/0]).

main() -> timer:sleep(1).

later() -> timer:send_after(1, hello).
