//! BIFs of module `lists`.

use erts_core::bif::lists;
use erts_core::Term;

use super::bif;
use crate::process::Process;

bif!(lists:"reverse"/2 (list, tail) => heap lists::reverse_2);
bif!(lists:"member"/2 (element, list) => lists::member_2);
bif!(lists:"keyfind"/3 (key, position, list) => lists::keyfind_3);
bif!(lists:"keymember"/3 (key, position, list) => lists::keymember_3);
bif!(lists:"keysearch"/3 (key, position, list) => heap lists::keysearch_3);
