import Recipe

/// Every generator, by recipe kind. Explicit: adding a generator means adding a case here.
public enum GeneratorRegistry {
    /// The generator for a recipe. Generators that read or synthesize a whole table first do so
    /// here (reading errors surface before any output is created).
    public static func generator(for spec: GeneratorSpec, context: GenerationContext) throws -> any Generator {
        switch spec {
        case .zigzag(let zigzag): return ZigzagGenerator(spec: zigzag)
        case .table(let table): return try TableGenerator(spec: table, context: context)
        case .behaviourLogs(let logs): return BehaviourLogsGenerator(spec: logs)
        case .solarPV(let solar): return SolarPVGenerator(spec: solar)
        case .ecg5000(let ecg): return try ECG5000Generator(spec: ecg)
        case .ecgSynthetic(let ecg): return ECGSyntheticGenerator(spec: ecg)
        case .seriesFile(let file): return try SeriesFileGenerator(spec: file)
        case .adbench(let adbench): return try ADBenchGenerator(spec: adbench, context: context)
        }
    }
}
