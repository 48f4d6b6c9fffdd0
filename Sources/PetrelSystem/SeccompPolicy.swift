import CPetrelSystem
import Glibc

/// Petrel's seccomp policy as a classic-BPF program: the system calls a resolver never makes, refused with
/// `EPERM`, and opening files for writing refused as a second layer under Landlock. Everything else is allowed.
public enum SeccompPolicy {
  /// Refused whatever their arguments: exec, debugging other processes, mounts and namespaces, kernel
  /// modules and kexec, BPF and keyrings, swap, reboot, personality, userfaultfd, perf, io_uring (which
  /// bypasses seccomp for the operations it queues), process accounting, quotas and setting the clock.
  public static let alwaysDenied: [SystemCall] = {
    var calls = [
      SystemCall("execve", __NR_execve), SystemCall("execveat", __NR_execveat),
      SystemCall("ptrace", __NR_ptrace), SystemCall("process_vm_readv", __NR_process_vm_readv),
      SystemCall("process_vm_writev", __NR_process_vm_writev), SystemCall("mount", __NR_mount),
      SystemCall("umount2", __NR_umount2), SystemCall("pivot_root", __NR_pivot_root),
      SystemCall("chroot", __NR_chroot), SystemCall("unshare", __NR_unshare), SystemCall("setns", __NR_setns),
      SystemCall("open_tree", __NR_open_tree), SystemCall("move_mount", __NR_move_mount),
      SystemCall("fsopen", __NR_fsopen), SystemCall("fsconfig", __NR_fsconfig), SystemCall("fsmount", __NR_fsmount),
      SystemCall("fspick", __NR_fspick), SystemCall("mount_setattr", __NR_mount_setattr),
      SystemCall("init_module", __NR_init_module), SystemCall("finit_module", __NR_finit_module),
      SystemCall("delete_module", __NR_delete_module), SystemCall("kexec_load", __NR_kexec_load),
      SystemCall("kexec_file_load", __NR_kexec_file_load), SystemCall("bpf", __NR_bpf),
      SystemCall("keyctl", __NR_keyctl), SystemCall("add_key", __NR_add_key),
      SystemCall("request_key", __NR_request_key), SystemCall("swapon", __NR_swapon),
      SystemCall("swapoff", __NR_swapoff), SystemCall("reboot", __NR_reboot),
      SystemCall("personality", __NR_personality), SystemCall("userfaultfd", __NR_userfaultfd),
      SystemCall("perf_event_open", __NR_perf_event_open), SystemCall("io_uring_setup", __NR_io_uring_setup),
      SystemCall("io_uring_enter", __NR_io_uring_enter), SystemCall("io_uring_register", __NR_io_uring_register),
      SystemCall("acct", __NR_acct), SystemCall("quotactl", __NR_quotactl),
      SystemCall("settimeofday", __NR_settimeofday), SystemCall("clock_settime", __NR_clock_settime),
      SystemCall("adjtimex", __NR_adjtimex), SystemCall("clock_adjtime", __NR_clock_adjtime),
      // openat2 takes its flags inside a struct open_how that a classic-BPF filter cannot dereference,
      // so it is refused outright; glibc falls back to openat, which the filter can judge.
      SystemCall("openat2", __NR_openat2),
    ]
    #if arch(x86_64)
      // creat(path, mode) is open(path, O_CREAT|O_WRONLY|O_TRUNC): always a write.
      calls.append(SystemCall("creat", __NR_creat))
    #endif
    return calls
  }()

  /// Flags that make an open a write: `O_WRONLY`, `O_RDWR`, `O_CREAT`, `O_TRUNC`, and the `O_TMPFILE` bit.
  /// (glibc's `__O_TMPFILE` includes `O_DIRECTORY`, which on its own is a read; only the other bit counts.)
  public static let writeOpenFlags = UInt32(O_WRONLY | O_RDWR | O_CREAT | O_TRUNC | (__O_TMPFILE & ~O_DIRECTORY))

  /// The open calls judged by their flags, with the index of the flags argument.
  public static let flagCheckedOpens: [(call: SystemCall, flagsArgument: UInt32)] = {
    var calls = [(SystemCall("openat", __NR_openat), UInt32(2))]
    #if arch(x86_64)
      calls.insert((SystemCall("open", __NR_open), 1), at: 0)
    #endif
    return calls.map { (call: $0.0, flagsArgument: $0.1) }
  }()

  /// The filter: wrong architecture → kill; x32 → `EPERM`; `alwaysDenied` → `EPERM`;
  /// open/openat with a write flag → `EPERM`; anything else → allow.
  public static func filter() -> [SeccompInstruction] {
    let refuse = SeccompInstruction.return(.errno(EPERM))
    var program: [SeccompInstruction] = [
      .load(offset: SeccompData.architectureOffset),
      .jumpIfEqual(SeccompData.nativeArchitecture, true: 1, false: 0),
      .return(.killProcess),
      .load(offset: SeccompData.numberOffset),
    ]
    #if arch(x86_64)
      // The x32 ABI shares AUDIT_ARCH_X86_64 and marks its numbers with bit 30.
      program += [.jumpIfGreaterOrEqual(PETREL_X32_SYSCALL_BIT, true: 0, false: 1), refuse]
    #endif
    for call in alwaysDenied {
      program += [.jumpIfEqual(call.number, true: 0, false: 1), refuse]
    }
    for (call, flagsArgument) in flagCheckedOpens {
      program += [
        .jumpIfEqual(call.number, true: 0, false: 4),
        .load(offset: SeccompData.argumentLowWordOffset(flagsArgument)),
        .jumpIfAnyBit(writeOpenFlags, true: 0, false: 1),
        refuse,
        .return(.allow),
      ]
    }
    program.append(.return(.allow))
    return program
  }
}
