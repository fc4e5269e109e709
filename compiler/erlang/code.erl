%% earts' own `code`: every module of a program is compiled into it, so
%% there is no code path, no code server and nothing to load at run time.
%% A module is loaded when the program has it (`erlang:module_loaded/1`);
%% it shows as `preloaded`, as the modules built into the BEAM emulator do.
-module(code).
-export([ensure_loaded/1, ensure_modules_loaded/1, is_loaded/1, which/1,
         load_file/1, get_path/0, root_dir/0, lib_dir/0, lib_dir/1, lib_dir/2,
         priv_dir/1, where_is_file/1, objfile_extension/0, get_object_code/1,
         is_sticky/1, module_status/1, purge/1, soft_purge/1, delete/1,
         add_path/1, add_patha/1, add_pathz/1, add_paths/1, add_pathsa/1,
         add_pathsz/1, set_path/1, del_path/1, get_mode/0]).

ensure_loaded(Module) when is_atom(Module) ->
    case erlang:module_loaded(Module) of
        true -> {module, Module};
        false -> {error, nofile}
    end.

ensure_modules_loaded(Modules) when is_list(Modules) ->
    case [{Module, nofile} || Module <- Modules, not erlang:module_loaded(Module)] of
        [] -> ok;
        Errors -> {error, Errors}
    end.

is_loaded(Module) when is_atom(Module) ->
    case erlang:module_loaded(Module) of
        true -> {file, preloaded};
        false -> false
    end.

which(Module) when is_atom(Module) ->
    case erlang:module_loaded(Module) of
        true -> preloaded;
        false -> non_existing
    end.

load_file(Module) when is_atom(Module) -> ensure_loaded(Module).

module_status(Module) when is_atom(Module) ->
    case erlang:module_loaded(Module) of
        true -> loaded;
        false -> not_loaded
    end.

get_path() -> [].
set_path(_Path) -> true.
add_path(_Dir) -> true.
add_patha(_Dir) -> true.
add_pathz(_Dir) -> true.
add_paths(_Dirs) -> ok.
add_pathsa(_Dirs) -> ok.
add_pathsz(_Dirs) -> ok.
del_path(_Dir) -> false.
get_mode() -> embedded.

root_dir() -> "/".
lib_dir() -> "/lib".
lib_dir(_App) -> {error, bad_name}.
lib_dir(_App, _SubDir) -> {error, bad_name}.
priv_dir(_App) -> {error, bad_name}.
where_is_file(_File) -> non_existing.
objfile_extension() -> ".beam".
get_object_code(_Module) -> error.
is_sticky(_Module) -> false.

%% Code is never replaced, so there is no old code to purge or delete.
purge(_Module) -> false.
soft_purge(_Module) -> true.
delete(_Module) -> false.
