public import PetrelDNS
public import PetrelResolver

/// The daemon's resolver, as the query pipeline sees it: one question in, one result out, default options.
extension Resolver: QueryResolving {
  public func resolve(_ question: Question) async -> ResolutionResult {
    await resolve(question, options: ResolutionOptions())
  }
}
