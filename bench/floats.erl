%% A float kernel: Mandelbrot iteration counts over a grid.
-module(floats).
-export([main/1]).

main(_) -> erlang:display(rows(0, 600, 0)).

rows(Y, Y, Acc) -> Acc;
rows(Y, Size, Acc) -> rows(Y + 1, Size, columns(0, Y, Size, Acc)).

columns(X, _Y, X, Acc) -> Acc;
columns(X, Y, Size, Acc) ->
    Cr = 2.0 * X / Size - 1.5,
    Ci = 2.0 * Y / Size - 1.0,
    columns(X + 1, Y, Size, Acc + iterate(0.0, 0.0, Cr, Ci, 0)).

iterate(_Zr, _Zi, _Cr, _Ci, 100) -> 100;
iterate(Zr, Zi, Cr, Ci, N) ->
    Zr2 = Zr * Zr,
    Zi2 = Zi * Zi,
    if
        Zr2 + Zi2 > 4.0 -> N;
        true -> iterate(Zr2 - Zi2 + Cr, 2.0 * Zr * Zi + Ci, Cr, Ci, N + 1)
    end.
