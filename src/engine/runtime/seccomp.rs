//! The system-call filter every sandboxed instance runs under: everything a function needs is
//! allowed; what only serves to leave the sandbox or reach the host's kernel state is refused
//! with `EPERM` (mounts, new namespaces, the kernel keyring, bpf, ptrace, modules, clocks).
//! `clone3` answers `ENOSYS`, so C libraries fall back to `clone`, whose flags the filter can
//! read (a `clone3` argument is a pointer it cannot follow).
//!
//! The filters are compiled once to classic BPF; bubblewrap loads them (`--add-seccomp-fd`)
//! just before it executes the instance's program, after its own mounts.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use seccompiler::{
    BpfProgram, SeccompAction, SeccompCmpArgLen, SeccompCmpOp, SeccompCondition, SeccompFilter,
    SeccompRule, TargetArch,
};

/// System calls no function needs, refused outright.
const REFUSED: &[i64] = &[
    libc::SYS_mount,
    libc::SYS_umount2,
    libc::SYS_pivot_root,
    libc::SYS_chroot,
    libc::SYS_unshare,
    libc::SYS_setns,
    libc::SYS_fsopen,
    libc::SYS_fsconfig,
    libc::SYS_fsmount,
    libc::SYS_fspick,
    libc::SYS_move_mount,
    libc::SYS_open_tree,
    libc::SYS_mount_setattr,
    libc::SYS_keyctl,
    libc::SYS_add_key,
    libc::SYS_request_key,
    libc::SYS_bpf,
    libc::SYS_ptrace,
    libc::SYS_process_vm_readv,
    libc::SYS_process_vm_writev,
    libc::SYS_perf_event_open,
    libc::SYS_userfaultfd,
    libc::SYS_open_by_handle_at,
    libc::SYS_name_to_handle_at,
    libc::SYS_init_module,
    libc::SYS_finit_module,
    libc::SYS_delete_module,
    libc::SYS_kexec_load,
    libc::SYS_kexec_file_load,
    libc::SYS_reboot,
    libc::SYS_swapon,
    libc::SYS_swapoff,
    libc::SYS_syslog,
    libc::SYS_acct,
    libc::SYS_quotactl,
    libc::SYS_settimeofday,
    libc::SYS_clock_settime,
    libc::SYS_clock_adjtime,
    libc::SYS_adjtimex,
];

/// `clone` flags that would create a namespace.
const NAMESPACE_FLAGS: &[libc::c_int] = &[
    libc::CLONE_NEWUSER,
    libc::CLONE_NEWNS,
    libc::CLONE_NEWPID,
    libc::CLONE_NEWNET,
    libc::CLONE_NEWIPC,
    libc::CLONE_NEWUTS,
    libc::CLONE_NEWCGROUP,
];

#[cfg(target_arch = "x86_64")]
const ARCH: TargetArch = TargetArch::x86_64;
#[cfg(target_arch = "aarch64")]
const ARCH: TargetArch = TargetArch::aarch64;

/// The filters as the bytes of `struct sock_filter[]`, as bubblewrap reads them (one
/// `--add-seccomp-fd` each: a filter has one action, and `clone3` needs another than the
/// rest); None when they cannot be built for this architecture.
pub fn programs() -> Option<&'static [Vec<u8>]> {
    static PROGRAMS: OnceLock<Option<Vec<Vec<u8>>>> = OnceLock::new();
    PROGRAMS.get_or_init(build).as_deref()
}

fn build() -> Option<Vec<Vec<u8>>> {
    let refused = filter(refused_rules()?, SeccompAction::Errno(libc::EPERM as u32))?;
    let clone3 = filter(
        BTreeMap::from([(libc::SYS_clone3, vec![])]),
        SeccompAction::Errno(libc::ENOSYS as u32),
    )?;
    Some(vec![to_bytes(&refused), to_bytes(&clone3)])
}

fn refused_rules() -> Option<BTreeMap<i64, Vec<SeccompRule>>> {
    let mut rules: BTreeMap<i64, Vec<SeccompRule>> =
        REFUSED.iter().map(|nr| (*nr, Vec::new())).collect();
    let clone_rules = NAMESPACE_FLAGS
        .iter()
        .map(|flag| {
            let flag = *flag as u64;
            let condition = SeccompCondition::new(
                0,
                SeccompCmpArgLen::Qword,
                SeccompCmpOp::MaskedEq(flag),
                flag,
            )
            .ok()?;
            SeccompRule::new(vec![condition]).ok()
        })
        .collect::<Option<Vec<_>>>()?;
    rules.insert(libc::SYS_clone, clone_rules);
    Some(rules)
}

fn filter(rules: BTreeMap<i64, Vec<SeccompRule>>, action: SeccompAction) -> Option<BpfProgram> {
    SeccompFilter::new(rules, SeccompAction::Allow, action, ARCH)
        .ok()?
        .try_into()
        .ok()
}

fn to_bytes(program: &BpfProgram) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(program.len() * 8);
    for op in program {
        bytes.extend_from_slice(&op.code.to_ne_bytes());
        bytes.push(op.jt);
        bytes.push(op.jf);
        bytes.extend_from_slice(&op.k.to_ne_bytes());
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_builds_for_this_machine() {
        let programs = programs().expect("filters for this architecture");
        assert_eq!(programs.len(), 2);
        assert!(programs.iter().all(|p| !p.is_empty() && p.len() % 8 == 0));
        assert!(programs[0].len() / 8 > REFUSED.len());
    }
}
