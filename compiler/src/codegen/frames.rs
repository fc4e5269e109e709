//! The size of the current stack frame at every instruction of a
//! function, found by following the control flow: BEAM code keeps the
//! frame size the same on every path into a label, so one pass over the
//! reachable code settles each label's size.

use std::collections::HashMap;

use crate::beam::{Instr, Label, Operand};

/// Frame sizes in words (y registers + the resume-point slot; 0 when the
/// function has no frame) before each instruction of `code`, whose body
/// starts at label `entry`.
pub fn frame_sizes(code: &[Instr], entry: Label) -> Vec<Option<u32>> {
    let label_at: HashMap<Label, usize> = code
        .iter()
        .enumerate()
        .filter_map(|(i, instr)| match instr {
            Instr::Label { label } => Some((*label, i)),
            _ => None,
        })
        .collect();
    let mut sizes = vec![None; code.len()];
    // The function is entered at its entry label, without a frame; the
    // code before it (`func_info`) is reached by jumps from clauses that
    // did not match, also without a frame.
    let mut pending = vec![(0usize, 0u32)];
    if let Some(&at) = label_at.get(&entry) {
        pending.push((at, 0));
    }
    while let Some((start, size)) = pending.pop() {
        let mut size = size;
        for (i, instr) in code.iter().enumerate().skip(start) {
            if sizes[i].is_some() {
                break;
            }
            sizes[i] = Some(size);
            for target in branch_targets(instr) {
                if let Some(&at) = label_at.get(&target) {
                    pending.push((at, size));
                }
            }
            match instr {
                Instr::Allocate { stack_need, .. }
                | Instr::AllocateHeap { stack_need, .. }
                | Instr::AllocateZero { stack_need, .. }
                | Instr::AllocateHeapZero { stack_need, .. } => size = stack_need + 1,
                Instr::Deallocate { .. } => size = 0,
                Instr::Trim { n, .. } => size = size.saturating_sub(*n),
                _ => {}
            }
            if ends_flow(instr) {
                break;
            }
        }
    }
    sizes
}

/// Labels an instruction may jump to (not counting fall-through).
pub fn branch_targets(instr: &Instr) -> Vec<Label> {
    let mut targets = Vec::new();
    for operand in instr.operands() {
        collect_labels(&operand, &mut targets);
    }
    // The entry label of a callee is not a branch of this function.
    if matches!(
        instr,
        Instr::Call { .. } | Instr::CallLast { .. } | Instr::CallOnly { .. }
    ) {
        targets.clear();
    }
    targets.retain(|label| label.0 != 0);
    targets
}

fn collect_labels(operand: &Operand, out: &mut Vec<Label>) {
    match operand {
        Operand::Label(label) => out.push(*label),
        Operand::List(items) => items.iter().for_each(|item| collect_labels(item, out)),
        _ => {}
    }
}

/// True when control never falls through to the next instruction.
pub fn ends_flow(instr: &Instr) -> bool {
    matches!(
        instr,
        Instr::Return {}
            | Instr::Jump { .. }
            | Instr::CallOnly { .. }
            | Instr::CallLast { .. }
            | Instr::CallExtOnly { .. }
            | Instr::CallExtLast { .. }
            | Instr::ApplyLast { .. }
            | Instr::SelectVal { .. }
            | Instr::SelectTupleArity { .. }
            | Instr::Badmatch { .. }
            | Instr::CaseEnd { .. }
            | Instr::IfEnd {}
            | Instr::TryCaseEnd { .. }
            | Instr::Badrecord { .. }
            | Instr::FuncInfo { .. }
            | Instr::Raise { .. }
            | Instr::IntCodeEnd {}
    )
}
