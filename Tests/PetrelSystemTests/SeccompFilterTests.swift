import CPetrelSystem
import Glibc
import PetrelSystem
import Testing

@Suite("Seccomp filter decisions, checked by a BPF interpreter without installing the filter")
struct SeccompFilterTests {
  let interpreter = ClassicBPFInterpreter(program: SeccompPolicy.filter())
  let refused = SeccompAction.errno(EPERM)

  @Test func everyAlwaysDeniedCallIsRefusedWithEPERM() throws {
    let expected = [
      "execve", "execveat", "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2", "pivot_root",
      "chroot", "unshare", "setns", "open_tree", "move_mount", "fsopen", "fsconfig", "fsmount", "fspick",
      "mount_setattr", "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "bpf",
      "keyctl", "add_key", "request_key", "swapon", "swapoff", "reboot", "personality", "userfaultfd",
      "perf_event_open", "io_uring_setup", "io_uring_enter", "io_uring_register", "acct", "quotactl",
      "settimeofday", "clock_settime", "adjtimex", "openat2",
    ]
    let names = Set(SeccompPolicy.alwaysDenied.map(\.name))
    for name in expected { #expect(names.contains(name), "\(name) missing from the deny list") }
    for call in SeccompPolicy.alwaysDenied {
      #expect(try interpreter.action(systemCall: call.number) == refused, "\(call)")
    }
  }

  @Test func ordinaryCallsAreAllowed() throws {
    for number in [
      __NR_read, __NR_write, __NR_close, __NR_recvfrom, __NR_sendto, __NR_epoll_wait, __NR_futex,
      __NR_mmap, __NR_exit_group, __NR_clock_gettime, __NR_socket, __NR_connect,
    ] {
      #expect(try interpreter.action(systemCall: UInt32(number)) == .allow, "syscall \(number)")
    }
  }

  @Test func openatIsJudgedByItsFlags() throws {
    let openat = UInt32(__NR_openat)
    func verdict(_ flags: Int32) throws -> SeccompAction? {
      try interpreter.action(
        systemCall: openat, arguments: [UInt64(bitPattern: -100), 0, UInt64(UInt32(bitPattern: flags))])
    }
    #expect(try verdict(O_RDONLY) == .allow)
    #expect(try verdict(O_RDONLY | O_CLOEXEC | O_DIRECTORY) == .allow)
    #expect(try verdict(O_RDONLY | O_NONBLOCK | O_NOFOLLOW) == .allow)
    #expect(try verdict(O_WRONLY) == refused)
    #expect(try verdict(O_RDWR | O_CLOEXEC) == refused)
    #expect(try verdict(O_RDONLY | O_CREAT) == refused)
    #expect(try verdict(O_RDONLY | O_TRUNC) == refused)
    #expect(try verdict(__O_TMPFILE | O_DIRECTORY) == refused)
  }

  @Test func flagsInAnotherArgumentDoNotConfuseOpenat() throws {
    // A write flag in the path-pointer or mode argument must not matter: only argument 2 is read.
    let verdict = try interpreter.action(
      systemCall: UInt32(__NR_openat), arguments: [UInt64(O_WRONLY), UInt64(O_CREAT), UInt64(O_RDONLY), 0o644])
    #expect(verdict == .allow)
  }

  #if arch(x86_64)
    @Test func legacyOpenAndCreatAreJudged() throws {
      let open = UInt32(__NR_open)
      #expect(try interpreter.action(systemCall: open, arguments: [0, UInt64(O_RDONLY | O_CLOEXEC)]) == .allow)
      #expect(try interpreter.action(systemCall: open, arguments: [0, UInt64(O_WRONLY | O_APPEND)]) == refused)
      #expect(try interpreter.action(systemCall: UInt32(__NR_creat), arguments: [0, 0o644]) == refused)
    }

    @Test func x32SystemCallsAreRefused() throws {
      let x32Read = PETREL_X32_SYSCALL_BIT | UInt32(__NR_read)
      #expect(try interpreter.action(systemCall: x32Read) == refused)
    }
  #endif

  @Test func aForeignArchitectureKillsTheProcess() throws {
    let foreign =
      SeccompData.nativeArchitecture == PETREL_AUDIT_ARCH_X86_64 ? PETREL_AUDIT_ARCH_AARCH64 : PETREL_AUDIT_ARCH_X86_64
    #expect(try interpreter.action(systemCall: UInt32(__NR_read), architecture: foreign) == .killProcess)
    // AUDIT_ARCH_I386: its numbers mean other calls, so it must die rather than be judged by native ones.
    #expect(try interpreter.action(systemCall: 11, architecture: 0x4000_0003) == .killProcess)
  }

  @Test func theProgramStartsWithTheArchitectureCheckAndEndsAllowing() {
    let program = SeccompPolicy.filter()
    #expect(program.first == .load(offset: SeccompData.architectureOffset))
    #expect(program[1] == .jumpIfEqual(SeccompData.nativeArchitecture, true: 1, false: 0))
    #expect(program[2] == .return(.killProcess))
    #expect(program.last == .return(.allow))
    #expect(program.count < 4096)
  }

  @Test func actionsRoundTripThroughTheirReturnValues() {
    for action in [SeccompAction.allow, .killProcess, .errno(EPERM), .errno(EACCES)] {
      #expect(SeccompAction(returnValue: action.returnValue) == action)
    }
  }
}
