public import PetrelResolver
import Synchronization

/// Query IDs 1, 2, 3…: predictable, so that a test can forge a reply with the wrong one.
public final class SequentialQueryIDs: QueryIDSource {
  private let next = Mutex<UInt16>(1)

  public init() {}

  public func nextQueryID() -> UInt16 {
    next.withLock { value in
      defer { value &+= 1 }
      return value
    }
  }
}
