public import SystemPackage

/// Why a sealed memory file could not be made or trusted: the cases a receiver must refuse (not a memory
/// file, seals missing, larger than agreed) are kept apart from plain system-call failures.
public enum SealedMemoryFileError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `F_GET_SEALS` failed with `EINVAL`: the descriptor is not a file that supports seals (not a memfd, or
  /// one made without `MFD_ALLOW_SEALING`), so nothing stops its sender from changing it.
  case notSealable
  /// The file lacks some of the seals the reader requires.
  case missingSeals(required: FileSeals, present: FileSeals)
  /// The file is larger than the reader accepts.
  case tooLarge(size: Int, limit: Int)
  /// A system call failed; `operation` names it.
  case system(operation: String, Errno)

  public var description: String {
    switch self {
    case .notSealable: "not a sealable memory file (F_GET_SEALS: EINVAL)"
    case .missingSeals(let required, let present): "seals \(present) do not include the required \(required)"
    case .tooLarge(let size, let limit): "\(size) bytes, more than the \(limit) accepted"
    case .system(let operation, let error): "\(operation): \(error)"
    }
  }
}
