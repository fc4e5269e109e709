//! BIFs of module `lists`.

use erts_core::bif::lists;
use erts_core::Term;

use super::bifs;
use crate::process::Process;

bifs! {
    lists:"reverse"/2 (list, tail) => long_list lists::reverse_2;
    lists:"member"/2 (element, list) => pure lists::member_2;
    lists:"keyfind"/3 (key, position, list) => pure lists::keyfind_3;
    lists:"keymember"/3 (key, position, list) => pure lists::keymember_3;
    lists:"keysearch"/3 (key, position, list) => heap lists::keysearch_3;
}
