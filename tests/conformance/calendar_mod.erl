%% calendar module: pure date arithmetic (no clock reads).
-module(calendar_mod).
-export([main/1]).

main(_) ->
    p(calendar:date_to_gregorian_days(2024, 1, 1)),
    p(calendar:date_to_gregorian_days({2000, 2, 29})),
    p(calendar:gregorian_days_to_date(738000)),
    p(calendar:gregorian_days_to_date(0)),
    p([calendar:day_of_the_week(2024, M, 1) || M <- lists:seq(1, 12)]),
    p(calendar:day_of_the_week({1970, 1, 1})),
    p([Y || Y <- [1900, 2000, 2023, 2024, 2100, 2400], calendar:is_leap_year(Y)]),
    p([calendar:last_day_of_the_month(2024, M) || M <- lists:seq(1, 12)]),
    p(calendar:last_day_of_the_month(2023, 2)),
    p(calendar:valid_date(2024, 2, 29)),
    p(calendar:valid_date(2023, 2, 29)),
    p(calendar:valid_date({2024, 13, 1})),
    p(calendar:seconds_to_daystime(100000)),
    p(calendar:seconds_to_time(3661)),
    p(calendar:time_to_seconds({1, 1, 1})),
    p(calendar:datetime_to_gregorian_seconds({{2024, 3, 15}, {12, 30, 45}})),
    p(calendar:gregorian_seconds_to_datetime(63000000000)),
    p(calendar:time_difference({{2024, 1, 1}, {0, 0, 0}}, {{2024, 3, 1}, {6, 0, 0}})),
    p(calendar:iso_week_number({2024, 1, 1})),
    p(calendar:iso_week_number({2021, 1, 3})),
    p(calendar:date_to_gregorian_days(2024, 12, 31) - calendar:date_to_gregorian_days(2024, 1, 1)),
    p(add_days({2024, 2, 27}, 5)),
    p([calendar:day_of_the_week(2024, 7, D) || D <- lists:seq(1, 7)]),
    ok.

p(X) -> io:format("~p~n", [X]).

add_days(Date, N) ->
    calendar:gregorian_days_to_date(calendar:date_to_gregorian_days(Date) + N).
