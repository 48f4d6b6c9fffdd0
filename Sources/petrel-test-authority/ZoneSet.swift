import PetrelDNS
import PetrelTestSupport

/// The zones one test server is authoritative for, so that a single address can serve a parent and a child.
///
/// A question goes to the deepest zone that contains its name, except DS, which the parent side answers.
struct ZoneSet: Sendable {
  let zones: [AuthoritativeZone]

  init(_ zones: [AuthoritativeZone]) {
    self.zones = zones.sorted { $0.origin.labelCount > $1.origin.labelCount }
  }

  /// The zone that answers `question`, or nil when the server is not authoritative for its name.
  func zone(for question: Question) -> AuthoritativeZone? {
    let candidates = zones.filter { $0.contains(question.name) }
    if question.type == .ds, let first = candidates.first, first.origin == question.name, candidates.count > 1 {
      return candidates[1]
    }
    return candidates.first
  }
}
