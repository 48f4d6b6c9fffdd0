public import PetrelDNS
import Synchronization

/// The local zones as the query path sees them, replaceable by `petrelctl reload`.
///
/// The query pipeline holds one ``LocalAnswering`` for its whole life; this one forwards to whatever zones the
/// last (re)load produced. When there are none — the common case — a question costs one atomic load; otherwise
/// the current zones are fetched under a lock held only to copy one reference.
public final class ReloadableLocalZones: LocalAnswering, Sendable {
  private let zones: Mutex<LocalZones>
  private let hasZones: Atomic<Bool>

  public init(_ sources: [LocalZoneSource]) {
    let zones = LocalZones(sources)
    self.zones = Mutex(zones)
    hasZones = Atomic(!zones.isEmpty)
  }

  /// Answers from `sources` from now on.
  public func replace(with sources: [LocalZoneSource]) {
    let replacement = LocalZones(sources)
    zones.withLock { current in
      current = replacement
      hasZones.store(!replacement.isEmpty, ordering: .releasing)
    }
  }

  public func localAnswer(_ question: Question) -> QueryAnswer? {
    guard hasZones.load(ordering: .acquiring) else { return nil }
    return zones.withLock { $0 }.localAnswer(question)
  }
}
