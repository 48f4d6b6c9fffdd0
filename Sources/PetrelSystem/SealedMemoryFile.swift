import CPetrelSystem
import Glibc
public import SystemPackage

/// Bytes handed to another process in a sealed memory file (`memfd_create` with `MFD_ALLOW_SEALING`, then
/// `F_ADD_SEALS`), so that nothing is written to any filesystem — a sandboxed daemon could not — and the
/// receiver can prove, with `F_GET_SEALS`, that the sender can no longer change what it reads.
///
/// Takeover carries the cache snapshot this way.
public enum SealedMemoryFile {
  /// Creates a memory file called `name` (shown in `/proc/PID/fd` as `memfd:name`), writes `contents` and
  /// seals it with ``FileSeals/immutable``. The descriptor is close-on-exec and belongs to the caller.
  ///
  /// `MFD_NOEXEC_SEAL` is asked for first (so that the file can never be executed, and a system with
  /// `vm.memfd_noexec = 2` accepts it); a kernel older than 6.3 refuses that flag with `EINVAL` and the file is
  /// made without it.
  public static func create(name: String, contents: [UInt8]) throws(SealedMemoryFileError) -> FileDescriptor {
    var raw = petrel_memfd_create_sealable(name, 1)
    if raw < 0 && errno == EINVAL { raw = petrel_memfd_create_sealable(name, 0) }
    guard raw >= 0 else { throw .system(operation: "memfd_create", .ofLastCall) }
    let descriptor = FileDescriptor(rawValue: raw)
    do throws(SealedMemoryFileError) {
      try write(contents, to: descriptor)
      guard petrel_add_seals(raw, FileSeals.immutable.rawValue) == 0 else {
        throw .system(operation: "F_ADD_SEALS", .ofLastCall)
      }
      return descriptor
    } catch {
      _ = Glibc.close(raw)
      throw error
    }
  }

  /// The seals set on `descriptor` (`F_GET_SEALS`).
  public static func seals(of descriptor: FileDescriptor) throws(SealedMemoryFileError) -> FileSeals {
    let result = petrel_get_seals(descriptor.rawValue)
    guard result >= 0 else {
      let error = Errno.ofLastCall
      throw error == .invalidArgument ? .notSealable : .system(operation: "F_GET_SEALS", error)
    }
    return FileSeals(rawValue: UInt32(result))
  }

  /// The whole content of `descriptor`, read only after checking that it carries every seal in `required`
  /// and is at most `maximumSize` bytes. Reads with `pread` from offset 0: the file offset is shared with the
  /// sender's descriptor and is left alone.
  public static func read(
    _ descriptor: FileDescriptor, maximumSize: Int, required: FileSeals = .immutable
  ) throws(SealedMemoryFileError) -> [UInt8] {
    let present = try seals(of: descriptor)
    guard present.isSuperset(of: required) else { throw .missingSeals(required: required, present: present) }
    var status = stat()
    guard fstat(descriptor.rawValue, &status) == 0 else { throw .system(operation: "fstat", .ofLastCall) }
    let size = Int(status.st_size)
    guard size <= maximumSize else { throw .tooLarge(size: size, limit: maximumSize) }
    var bytes = [UInt8](repeating: 0, count: size)
    var offset = 0
    while offset < size {
      let count = bytes.withUnsafeMutableBytes { buffer in
        pread(descriptor.rawValue, buffer.baseAddress! + offset, size - offset, off_t(offset))
      }
      if count > 0 {
        offset += count
      } else if count == 0 {
        // Impossible with SEAL_SHRINK; a file that shrank anyway is not what was promised.
        throw .system(operation: "pread", .ioError)
      } else if errno != EINTR {
        throw .system(operation: "pread", .ofLastCall)
      }
    }
    return bytes
  }

  private static func write(_ contents: [UInt8], to descriptor: FileDescriptor) throws(SealedMemoryFileError) {
    var offset = 0
    while offset < contents.count {
      let count = contents.withUnsafeBytes { buffer in
        pwrite(descriptor.rawValue, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
      }
      if count >= 0 {
        offset += count
      } else if errno != EINTR {
        throw .system(operation: "write", .ofLastCall)
      }
    }
  }
}
