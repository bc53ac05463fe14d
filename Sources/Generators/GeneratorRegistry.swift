import Recipe

/// Every generator, by recipe kind. Explicit: adding a generator means adding a case here.
public enum GeneratorRegistry {
    public static func generator(for spec: GeneratorSpec) -> any Generator {
        switch spec {
        case .zigzag(let zigzag): return ZigzagGenerator(spec: zigzag)
        }
    }
}
