import CPetrelSystem

/// The seals of a memory file (`F_SEAL_*`, memfd_create(2)): which changes the kernel refuses from now on, to
/// every process holding the file. A reader checks them before it trusts content another process wrote,
/// because a seal, once set, cannot be lifted.
public struct FileSeals: OptionSet, Hashable, Sendable, CustomStringConvertible {
  public let rawValue: UInt32
  public init(rawValue: UInt32) { self.rawValue = rawValue }

  /// `F_SEAL_SEAL`: no further seal may be added (nor any removed: seals never are).
  public static let seal = FileSeals(rawValue: UInt32(PETREL_SEAL_SEAL))
  /// `F_SEAL_SHRINK`: the file may not get smaller.
  public static let shrink = FileSeals(rawValue: UInt32(PETREL_SEAL_SHRINK))
  /// `F_SEAL_GROW`: the file may not get larger.
  public static let grow = FileSeals(rawValue: UInt32(PETREL_SEAL_GROW))
  /// `F_SEAL_WRITE`: the content may not change, through `write` or any shared mapping.
  public static let write = FileSeals(rawValue: UInt32(PETREL_SEAL_WRITE))
  /// `F_SEAL_FUTURE_WRITE`: no new writable mapping or write; existing mappings may still write.
  public static let futureWrite = FileSeals(rawValue: UInt32(PETREL_SEAL_FUTURE_WRITE))
  /// `F_SEAL_EXEC` (Linux 6.3): the execute permission bits may not change.
  public static let execute = FileSeals(rawValue: UInt32(PETREL_SEAL_EXEC))

  /// What makes the content final: size and bytes fixed, and no way to change the seals themselves.
  public static let immutable: FileSeals = [.seal, .shrink, .grow, .write]

  public var description: String {
    let names: [(FileSeals, String)] = [
      (.seal, "seal"), (.shrink, "shrink"), (.grow, "grow"), (.write, "write"), (.futureWrite, "future-write"),
      (.execute, "exec"),
    ]
    let present = names.filter { contains($0.0) }.map(\.1)
    return present.isEmpty ? "none" : present.joined(separator: ",")
  }
}
