import Glibc
public import PetrelControl
import PetrelSystem
public import SystemPackage

/// A raw connection to a control socket, for sending what no well-behaved client would.
///
/// Shared by the control protocol's tests and the daemon's: both feed servers malformed frames, half-closed
/// connections and stray descriptors.
public final class RawConnection {
  public let socket: FileDescriptor
  private var isOpen = true

  public init(path: String) throws {
    let raw = Glibc.socket(AF_UNIX, CInt(SOCK_STREAM.rawValue) | CInt(SOCK_CLOEXEC.rawValue), 0)
    guard raw >= 0 else { throw Errno(rawValue: errno) }
    socket = FileDescriptor(rawValue: raw)
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
    }
    let result = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        Glibc.connect(raw, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard result == 0 else {
      let error = Errno(rawValue: errno)
      _ = Glibc.close(raw)
      throw error
    }
    // A safety bound so that a broken server fails the test instead of hanging it.
    var limit = timeval(tv_sec: 30, tv_usec: 0)
    _ = setsockopt(raw, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
  }

  /// Sends `bytes` (with `descriptors` attached); ignores a peer that already closed.
  public func send(_ bytes: [UInt8], descriptors: [FileDescriptor] = []) {
    _ = try? socket.send(payload: bytes, descriptors: descriptors)
  }

  /// Everything the server sends until it closes the connection.
  public func readToEnd() -> [UInt8] {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.recv(socket.rawValue, $0.baseAddress, $0.count, 0) }
      if count > 0 {
        bytes += chunk.prefix(count)
      } else if count < 0 && errno == EINTR {
        continue
      } else {
        return bytes
      }
    }
  }

  /// The frames in everything the server sends until it closes.
  public func readFrames() throws -> [(header: ControlFrameHeader, payload: [UInt8])] {
    var bytes = readToEnd()[...]
    var frames: [(header: ControlFrameHeader, payload: [UInt8])] = []
    while !bytes.isEmpty {
      let header = try ControlFrameHeader(decoding: bytes.prefix(ControlProtocol.headerSize))
      bytes = bytes.dropFirst(ControlProtocol.headerSize)
      frames.append((header, Array(bytes.prefix(header.payloadLength))))
      bytes = bytes.dropFirst(header.payloadLength)
    }
    return frames
  }

  /// The one response the server sends before closing.
  public func readResponse() throws -> ControlResponse {
    let frames = try readFrames()
    guard let last = frames.last, last.header.kind == .response else {
      throw ControlPayloadError(expected: "response", reason: "got \(frames.map(\.header.kind))")
    }
    return try ControlResponse(decodingPayload: last.payload)
  }

  /// Shuts down the sending side, so the server sees the end of the request but can still answer.
  public func finishSending() {
    _ = shutdown(socket.rawValue, CInt(SHUT_WR))
  }

  public func close() {
    guard isOpen else { return }
    isOpen = false
    _ = Glibc.close(socket.rawValue)
  }

  deinit { close() }
}

/// A request frame with a hand-written JSON payload.
public func requestFrame(_ json: String, version: UInt16 = ControlProtocol.version) -> [UInt8] {
  ControlFrame(kind: .request, payload: Array(json.utf8), version: version).bytes
}
