%% The default logger handler of earts: OTP's `logger_std_h` on standard
%% output without its overload protection and its own process. Each event
%% is formatted by the handler's formatter (OTP's `logger_formatter`, so
%% reports read exactly as on BEAM) in the process that logs, and written
%% through `user`, as `logger_std_h` writes it.
-module(earts_logger_h).
-export([log/2]).

log(Event, #{formatter := {logger_formatter, FormatterConfig}}) ->
    Text = logger_formatter:format(Event, FormatterConfig),
    io:put_chars(user, unicode:characters_to_binary(Text)).
