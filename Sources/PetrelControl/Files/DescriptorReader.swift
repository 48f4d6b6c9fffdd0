import Glibc
public import SystemPackage

/// Reads a command's input (`load-cache`) from the descriptor a client handed over, on the session
/// thread, counting bytes; it waits for a slow writer the same way ``DescriptorWriter`` waits for a slow
/// reader, watching the control connection meanwhile.
public struct DescriptorReader: Sendable {
  public let descriptor: FileDescriptor
  /// Bytes read so far.
  public private(set) var bytesRead = 0

  private let kind: DescriptorKind
  private let progress: ControlProgressReporter?

  /// Checks that `descriptor` is open for reading.
  public init(_ descriptor: FileDescriptor, progress: ControlProgressReporter? = nil) throws(DescriptorReadError) {
    do {
      let mode = try DescriptorAccessMode(of: descriptor)
      guard mode.allowsReading else { throw DescriptorReadError.notReadable("the descriptor is \(mode)") }
      kind = try DescriptorKind(of: descriptor)
    } catch let error as DescriptorReadError {
      throw error
    } catch {
      throw .notReadable("the descriptor is not usable (\(error))")
    }
    self.descriptor = descriptor
    self.progress = progress
  }

  /// Up to `count` bytes; an empty array at the end of the input.
  public mutating func read(upTo count: Int = 64 << 10) throws(DescriptorReadError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: max(count, 1))
    while true {
      if kind.mayWait { try waitUntilReadable() }
      let result = bytes.withUnsafeMutableBytes { Glibc.read(descriptor.rawValue, $0.baseAddress!, $0.count) }
      if result >= 0 {
        bytesRead += result
        do {
          try progress?.report(ControlProgress(message: "reading", fields: ["bytes": .count(bytesRead)]))
        } catch {
          throw .clientDisconnected(bytesRead: bytesRead)
        }
        return Array(bytes.prefix(result))
      }
      let error = Errno(rawValue: errno)
      switch error {
      case .interrupted: continue
      case .wouldBlock: try waitUntilReadable()
      default: throw .failed(error, bytesRead: bytesRead)
      }
    }
  }

  private func waitUntilReadable() throws(DescriptorReadError) {
    do {
      try DescriptorWait.until(descriptor, is: Int16(POLLIN), watching: progress)
    } catch {
      switch error {
      case .clientDisconnected: throw .clientDisconnected(bytesRead: bytesRead)
      case .cancelled: throw .cancelled(bytesRead: bytesRead)
      case .system(let error): throw .failed(error, bytesRead: bytesRead)
      }
    }
  }
}
