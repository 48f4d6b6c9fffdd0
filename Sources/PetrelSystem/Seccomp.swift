import CPetrelSystem
import Glibc
public import SystemPackage

/// One classic-BPF instruction (`struct sock_filter`), kept as data so a filter can be inspected
/// and checked by tests without being installed.
public struct SeccompInstruction: Hashable, Sendable, CustomStringConvertible {
  public var code: UInt16
  public var jumpIfTrue: UInt8
  public var jumpIfFalse: UInt8
  public var operand: UInt32

  public init(code: UInt16, jumpIfTrue: UInt8 = 0, jumpIfFalse: UInt8 = 0, operand: UInt32) {
    self.code = code
    self.jumpIfTrue = jumpIfTrue
    self.jumpIfFalse = jumpIfFalse
    self.operand = operand
  }

  public static let loadWordCode = UInt16(BPF_LD | BPF_W | BPF_ABS)
  public static let jumpIfEqualCode = UInt16(BPF_JMP | BPF_JEQ | BPF_K)
  public static let jumpIfGreaterOrEqualCode = UInt16(BPF_JMP | BPF_JGE | BPF_K)
  public static let jumpIfAnyBitCode = UInt16(BPF_JMP | BPF_JSET | BPF_K)
  public static let returnCode = UInt16(BPF_RET | BPF_K)

  /// `A = seccomp_data[offset]` (32 bits).
  public static func load(offset: UInt32) -> Self { Self(code: loadWordCode, operand: offset) }
  /// `if A == value` skip `jumpIfTrue` instructions, else skip `jumpIfFalse`.
  public static func jumpIfEqual(_ value: UInt32, true jt: UInt8, false jf: UInt8) -> Self {
    Self(code: jumpIfEqualCode, jumpIfTrue: jt, jumpIfFalse: jf, operand: value)
  }
  /// `if A >= value`.
  public static func jumpIfGreaterOrEqual(_ value: UInt32, true jt: UInt8, false jf: UInt8) -> Self {
    Self(code: jumpIfGreaterOrEqualCode, jumpIfTrue: jt, jumpIfFalse: jf, operand: value)
  }
  /// `if A & mask != 0`.
  public static func jumpIfAnyBit(_ mask: UInt32, true jt: UInt8, false jf: UInt8) -> Self {
    Self(code: jumpIfAnyBitCode, jumpIfTrue: jt, jumpIfFalse: jf, operand: mask)
  }
  /// Ends the filter with `action`.
  public static func `return`(_ action: SeccompAction) -> Self { Self(code: returnCode, operand: action.returnValue) }

  public var description: String {
    "{ 0x\(String(code, radix: 16)), \(jumpIfTrue), \(jumpIfFalse), 0x\(String(operand, radix: 16)) }"
  }
}

/// The verdict a seccomp filter returns for a system call.
public enum SeccompAction: Hashable, Sendable {
  case allow
  /// The call fails with this errno without reaching the kernel.
  case errno(Int32)
  /// The whole process is killed (`SECCOMP_RET_KILL_PROCESS`).
  case killProcess

  public var returnValue: UInt32 {
    switch self {
    case .allow: PETREL_SECCOMP_RET_ALLOW
    case .errno(let code): PETREL_SECCOMP_RET_ERRNO | (UInt32(bitPattern: code) & PETREL_SECCOMP_RET_DATA)
    case .killProcess: PETREL_SECCOMP_RET_KILL_PROCESS
    }
  }

  /// Decodes a filter's return value; `nil` for actions Petrel never uses.
  public init?(returnValue: UInt32) {
    switch returnValue & ~PETREL_SECCOMP_RET_DATA {
    case PETREL_SECCOMP_RET_ALLOW: self = .allow
    case PETREL_SECCOMP_RET_ERRNO: self = .errno(Int32(returnValue & PETREL_SECCOMP_RET_DATA))
    case PETREL_SECCOMP_RET_KILL_PROCESS: self = .killProcess
    default: return nil
    }
  }
}

/// A system call of the architecture Petrel is built for: its name and its number there.
public struct SystemCall: Hashable, Sendable, CustomStringConvertible {
  public var name: String
  public var number: UInt32

  public init(_ name: String, _ number: Int32) {
    self.name = name
    self.number = UInt32(number)
  }

  public var description: String { "\(name)(\(number))" }
}

/// Offsets into `struct seccomp_data`, where a filter reads the call it judges.
public enum SeccompData {
  public static let numberOffset = PETREL_SECCOMP_DATA_NR_OFFSET
  public static let architectureOffset = PETREL_SECCOMP_DATA_ARCH_OFFSET
  /// The low 32 bits of argument `index` (both supported architectures are little-endian).
  public static func argumentLowWordOffset(_ index: UInt32) -> UInt32 { PETREL_SECCOMP_DATA_ARGS_OFFSET + 8 * index }
  public static let size = PETREL_SECCOMP_DATA_SIZE
  /// `AUDIT_ARCH_*` of the architecture Petrel is built for.
  public static let nativeArchitecture = PETREL_AUDIT_ARCH_NATIVE
}

/// Installs seccomp filters: the one system call that turns a `[SeccompInstruction]` into kernel policy.
public enum Seccomp {
  /// `seccomp(SECCOMP_SET_MODE_FILTER)`, with `SECCOMP_FILTER_FLAG_TSYNC` when `synchronizingThreads`
  /// (otherwise the filter binds the calling thread and its future children only). Requires no_new_privs
  /// or CAP_SYS_ADMIN.
  public static func install(_ program: [SeccompInstruction], synchronizingThreads: Bool) throws(Errno) {
    let instructions = program.map {
      sock_filter(code: $0.code, jt: $0.jumpIfTrue, jf: $0.jumpIfFalse, k: $0.operand)
    }
    guard let count = UInt16(exactly: instructions.count) else { throw Errno.invalidArgument }
    let flags = synchronizingThreads ? PETREL_SECCOMP_FILTER_FLAG_TSYNC : 0
    let result = instructions.withUnsafeBufferPointer { petrel_seccomp_set_filter(flags, $0.baseAddress, count) }
    // With TSYNC a positive result is the ID of a thread that could not be synchronised.
    guard result == 0 else { throw result > 0 ? Errno.resourceBusy : Errno.ofLastCall }
  }
}
