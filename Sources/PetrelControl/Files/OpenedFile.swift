import Glibc
public import SystemPackage

/// A descriptor `petrelctl` opened to hand to the daemon, and whether opening it created a new file (so
/// that an empty file it created for a request that then failed can be removed again).
public struct OpenedFile: Hashable, Sendable {
  public let descriptor: FileDescriptor
  /// The path of the file this open created, or nil (standard stream, input file, or `--force` on an
  /// existing file).
  public let createdPath: String?

  public init(descriptor: FileDescriptor, createdPath: String?) {
    self.descriptor = descriptor
    self.createdPath = createdPath
  }

  /// Closes the descriptor.
  public func close() {
    _ = Glibc.close(descriptor.rawValue)
  }

  /// Removes the file if this open created it and nothing was written to it; call after a failed request.
  /// - Returns: whether it was removed.
  @discardableResult
  public func removeIfCreatedAndEmpty() -> Bool {
    guard let createdPath else { return false }
    var status = stat()
    guard fstat(descriptor.rawValue, &status) == 0, status.st_size == 0 else { return false }
    return unlink(createdPath) == 0
  }
}
