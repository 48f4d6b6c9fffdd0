import Testing

/// Every test that runs a lab hierarchy: one lab at a time, since it holds port 53 on fixed addresses.
///
/// The resolver under test is petreld, or Unbound with `PETREL_ITEST_RESOLVER=unbound` (to check the tests
/// themselves against a reference resolver). Needs root; skipped with the reason otherwise.
@Suite(.serialized, .enabled(if: ResolverKind.isAvailable, Comment(rawValue: ResolverKind.unavailability ?? "")))
enum Lab {}
