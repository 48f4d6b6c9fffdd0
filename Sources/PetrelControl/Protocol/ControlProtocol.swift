/// The constants of the control protocol, in one place, because client and daemon must agree on them
/// byte for byte and `docs/control-protocol.md` describes exactly these values.
public enum ControlProtocol {
  /// The four bytes every frame starts with: `PTRL`. Anything else on the socket is not a Petrel client.
  public static let magic: [UInt8] = Array("PTRL".utf8)

  /// The protocol version this build speaks. A frame with any other version is answered (by the daemon)
  /// or reported (by the client) as a version mismatch; the header layout itself never changes.
  public static let version: UInt16 = 1

  /// Bytes in a frame header: magic (4), version (2), kind (1), flags (1), payload length (4).
  public static let headerSize = 12

  /// The largest payload any frame may carry (1 MiB): a response with a long text (e.g. `stats`) fits,
  /// a runaway length field does not make the reader allocate gigabytes.
  public static let maximumPayloadSize = 1 << 20

  /// The largest request payload a daemon accepts by default (64 KiB); requests are small.
  public static let defaultMaximumRequestSize = 64 << 10

  /// The most descriptors a receiver makes room for in one request. Commands take at most one; room for a
  /// few more lets the daemon tell "too many descriptors" apart from a truncated control message.
  public static let maximumDescriptorsPerRequest = 4
}
